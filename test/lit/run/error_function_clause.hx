# RUN: not %hastec run %s -e 'Clause.f(5)' 2>&1 | FileCheck --strict-whitespace %s
# RUN: %hastec run %s -e 'Clause.f(0)' | FileCheck %s --check-prefix=OK
# RUN: sh -c '%hastec run %s -e "Clause.f(5)"; echo "exit=$?"' 2>&1 | FileCheck %s --check-prefix=EXIT
# No clause matching raises FunctionClauseError naming the function.

defmodule Clause do
  @spec f(integer()) :: integer()
  def f(0), do: 100
  def f(x) when x < 0, do: x
end

# CHECK:      {{^}}** (FunctionClauseError) no function clause matching in Clause.f/1{{$}}
# CHECK-NEXT: {{^}}    {{.*}}error_function_clause.hx:8: Clause.f/1{{$}}
# OK:         {{^}}100{{$}}
# EXIT:       exit=3
