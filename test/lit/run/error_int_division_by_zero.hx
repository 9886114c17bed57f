# RUN: not %hastec run %s -e 'IntSlash.f(1)' 2>&1 | FileCheck --strict-whitespace %s
# RUN: sh -c '%hastec run %s -e "IntSlash.f(1)"; echo "exit=$?"' 2>&1 | FileCheck %s --check-prefix=EXIT
# 1 / 0 raises ArithmeticError as in Elixir (no infinity).

defmodule IntSlash do
  @spec f(integer()) :: float()
  def f(a), do: a / 0
end

# CHECK:      {{^}}** (ArithmeticError) bad argument in arithmetic expression{{$}}
# CHECK-NEXT: {{^}}    {{.*}}error_int_division_by_zero.hx:7: IntSlash.f/1{{$}}
# EXIT:       exit=3
