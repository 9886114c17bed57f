# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# for comprehensions are outside the subset.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: Enum.sum(for y <- 1..x, do: y)
end

# CHECK:      {{^}}{{.*}}/unsupported_for.hx:6:26: error: `for` is not supported in hastec's Elixir subset yet{{$}}
# CHECK-NEXT: {{^}}      def f(x), do: Enum.sum(for y <- 1..x, do: y){{$}}
# CHECK-NEXT: {{^}}                             ^{{$}}
# CHECK-NOT:  error
