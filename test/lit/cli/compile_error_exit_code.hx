# RUN: sh -c '%hastec check %s; echo "exit=$?"' 2>&1 | FileCheck %s
# RUN: sh -c '%hastec build %s -o %t.so; echo "exit=$?"' 2>&1 | FileCheck %s
# RUN: sh -c '%hastec run %s -e "Bad.f(1)"; echo "exit=$?"' 2>&1 | FileCheck %s
# A compile error exits 1 from check, build and run.

defmodule Bad do
  @spec f(integer()) :: integer()
  def f(x), do: x + true
end

# CHECK: error: `+` needs numbers, got integer and boolean
# CHECK: exit=1
