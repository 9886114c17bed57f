# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# Flow.reduce/3 is not supported.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: Flow.reduce(1..x, fn -> 0 end, fn a, b -> a + b end)
end

# CHECK:      {{^}}{{.*}}/flow_reduce.hx:6:22: error: Flow.reduce/3 is not supported; use Enum.reduce/3 after Enum.to_list(){{$}}
# CHECK-NEXT: {{^}}      def f(x), do: Flow.reduce(1..x, fn -> 0 end, fn a, b -> a + b end){{$}}
# CHECK-NEXT: {{^}}                         ^{{$}}
# CHECK-NOT:  error
