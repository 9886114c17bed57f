# RUN: not %hastec run %s -e 'FloatOverflow.f(1.0e308)' 2>&1 | FileCheck --strict-whitespace %s
# RUN: sh -c '%hastec run %s -e "FloatOverflow.f(1.0e308)"; echo "exit=$?"' 2>&1 | FileCheck %s --check-prefix=EXIT
# Elixir floats never become infinite: 1.0e308 * 10.0 raises
# ArithmeticError (hastec printed Infinity and exited 0 before d9ef5e7).

defmodule FloatOverflow do
  @spec f(float()) :: float()
  def f(x), do: x * 10.0
end

# CHECK:      {{^}}** (ArithmeticError) bad argument in arithmetic expression{{$}}
# CHECK-NEXT: {{^}}    {{.*}}float_overflow_raises.hx:8: FloatOverflow.f/1{{$}}
# CHECK-NOT:  Infinity
# EXIT:       exit=3
