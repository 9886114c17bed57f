# RUN: not %hastec run %s -e 'RemZero.f(7)' 2>&1 | FileCheck --strict-whitespace %s
# RUN: sh -c '%hastec run %s -e "RemZero.f(7)"; echo "exit=$?"' 2>&1 | FileCheck %s --check-prefix=EXIT
# rem/2 by zero raises ArithmeticError (here the zero is a constant that
# const-fold must not fold away).

defmodule RemZero do
  @spec f(integer()) :: integer()
  def f(a), do: rem(a, 0)
end

# CHECK:      {{^}}** (ArithmeticError) bad argument in arithmetic expression{{$}}
# CHECK-NEXT: {{^}}    {{.*}}error_rem_by_zero.hx:8: RemZero.f/1{{$}}
# EXIT:       exit=3
