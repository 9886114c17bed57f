# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# A capture &(...) must use &1.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: Enum.map(1..x, &(1 + 2)) |> Enum.sum()
end

# CHECK:      {{^}}{{.*}}/capture_without_argument.hx:6:32: error: a capture &(...) must use &1 (or name a function: &f/1){{$}}
# CHECK-NEXT: {{^}}      def f(x), do: Enum.map(1..x, &(1 + 2)) |> Enum.sum(){{$}}
# CHECK-NEXT: {{^}}                                   ^{{$}}
# CHECK-NOT:  error
