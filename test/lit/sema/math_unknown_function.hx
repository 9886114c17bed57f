# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# A :math function hastec does not know suggests the closest.

defmodule M do
  @spec f(float()) :: float()
  def f(x), do: :math.sqr(x)
end

# CHECK:      {{^}}{{.*}}/math_unknown_function.hx:6:23: error: :math.sqr/1 is not supported by hastec (did you mean :math.sqrt?){{$}}
# CHECK-NEXT: {{^}}      def f(x), do: :math.sqr(x){{$}}
# CHECK-NEXT: {{^}}                          ^{{$}}
# CHECK-NOT:  error
