# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# :math functions need numbers.

defmodule M do
  @spec f(float()) :: float()
  def f(x), do: :math.sqrt(x > 1)
end

# CHECK:      {{^}}{{.*}}/math_not_a_number.hx:6:30: error: :math.sqrt needs numbers, got boolean{{$}}
# CHECK-NEXT: {{^}}      def f(x), do: :math.sqrt(x > 1){{$}}
# CHECK-NEXT: {{^}}                                 ^{{$}}
# CHECK-NOT:  error
