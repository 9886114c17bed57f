# RUN: not %hastec run %s -e 'FloatSlash.f(1.0, 0.0)' 2>&1 | FileCheck --strict-whitespace %s
# RUN: not %hastec run %s -e 'FloatSlash.f(1.0, -0.0)' 2>&1 | FileCheck --strict-whitespace %s
# RUN: sh -c '%hastec run %s -e "FloatSlash.f(1.0, 0.0)"; echo "exit=$?"' 2>&1 | FileCheck %s --check-prefix=EXIT
# 1.0 / 0.0 (and 1.0 / -0.0) raises ArithmeticError as in Elixir.

defmodule FloatSlash do
  @spec f(float(), float()) :: float()
  def f(a, b), do: a / b
end

# CHECK:      {{^}}** (ArithmeticError) bad argument in arithmetic expression{{$}}
# CHECK-NEXT: {{^}}    {{.*}}error_float_division_by_zero.hx:8: FloatSlash.f/2{{$}}
# EXIT:       exit=3
