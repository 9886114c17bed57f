# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# Flow is not supported: the same pipeline is written with Enum.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: Flow.map(1..x, &(&1 * 2)) |> Enum.sum()
end

# CHECK:      {{^}}{{.*}}/unsupported_flow.hx:6:22: error: Flow is not supported yet; write the same pipeline with Enum{{$}}
# CHECK-NEXT: {{^}}      def f(x), do: Flow.map(1..x, &(&1 * 2)) |> Enum.sum(){{$}}
# CHECK-NEXT: {{^}}                         ^{{$}}
# CHECK-NOT:  error
