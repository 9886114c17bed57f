# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# A capture &f/N with an arity out of range.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: Enum.map(1..x, &g/17) |> Enum.sum()
end

# CHECK:      {{^}}{{.*}}/capture_bad_arity.hx:6:35: error: bad arity in capture{{$}}
# CHECK-NEXT: {{^}}      def f(x), do: Enum.map(1..x, &g/17) |> Enum.sum(){{$}}
# CHECK-NEXT: {{^}}                                      ^{{$}}
# CHECK-NOT:  error
