# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# Ranges with a step (a..b//s) are not supported.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: Enum.sum(1..x//2)
end

# CHECK:      {{^}}{{.*}}/unsupported_range_step.hx:6:30: error: ranges with a step (a..b//s) are not supported yet{{$}}
# CHECK-NEXT: {{^}}      def f(x), do: Enum.sum(1..x//2){{$}}
# CHECK-NEXT: {{^}}                                 ^{{$}}
# CHECK-NOT:  error
