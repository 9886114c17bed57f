# RUN: sh -c '%hastec run %s -e "1 + 2"; echo "exit=$?"' 2>&1 | FileCheck %s
# RUN: sh -c '%hastec run %s -e "f(1)"; echo "exit=$?"' 2>&1 | FileCheck %s --check-prefix=LOCAL
# -e must be a call Module.function(args): anything else is a usage error
# (exit 2).

defmodule NotCall do
  @spec f(integer()) :: integer()
  def f(x), do: x
end

# CHECK: hastec: error: -e needs a call of the form Module.function(args), got: 1 + 2
# CHECK: exit=2
# LOCAL: hastec: error: -e needs a call of the form Module.function(args), got: f(1)
# LOCAL: exit=2
