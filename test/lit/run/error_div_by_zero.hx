# RUN: not %hastec run %s -e 'DivZero.f(1, 0)' 2>&1 | FileCheck --strict-whitespace %s
# RUN: sh -c '%hastec run %s -e "DivZero.f(1, 0)"; echo "exit=$?"' 2>&1 | FileCheck %s --check-prefix=EXIT
# div/2 by zero raises ArithmeticError at run time, with the .hx line and
# the function, and `hastec run` exits with 3.

defmodule DivZero do
  @spec f(integer(), integer()) :: integer()
  def f(a, b) do
    div(a, b)
  end
end

# CHECK:      {{^}}** (ArithmeticError) bad argument in arithmetic expression{{$}}
# CHECK-NEXT: {{^}}    {{.*}}error_div_by_zero.hx:9: DivZero.f/2{{$}}
# EXIT:       exit=3
