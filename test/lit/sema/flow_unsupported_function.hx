# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# Only Flow.from_enumerable, map, filter and reject are supported.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: Flow.partition(1..x) |> Enum.sum()
end

# CHECK:      {{^}}{{.*}}/flow_unsupported_function.hx:6:22: error: Flow.partition/1 is not supported by hastec (Flow.from_enumerable, map, filter and reject are){{$}}
# CHECK-NEXT: {{^}}      def f(x), do: Flow.partition(1..x) |> Enum.sum(){{$}}
# CHECK-NEXT: {{^}}                         ^{{$}}
# CHECK-NOT:  error
