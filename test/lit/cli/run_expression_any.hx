# RUN: %hastec run %s -e "1 + 2" | FileCheck %s
# RUN: %hastec run %s -e "elem({AnyExpr.f(7), 2.5}, 0)" | FileCheck %s --check-prefix=ELEM
# RUN: sh -c '%hastec run %s -e "f(1)"; echo "exit=$?"' 2>&1 | FileCheck %s --check-prefix=LOCAL
# -e takes any expression: a call Module.function(literals) runs that entry
# directly; anything else is compiled as the body of HxRun.main/0, so a
# local call names HxRun and fails to compile (exit 1) like any source.

defmodule AnyExpr do
  @spec f(integer()) :: integer()
  def f(x), do: x * 2
end

# CHECK: 3
# ELEM: 14
# LOCAL: -e:3:1: error: undefined function f/1 (there is no such function in HxRun)
# LOCAL: exit=1
