# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# An operator outside the subset.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: x <~> x
end

# CHECK:      {{^}}{{.*}}/unsupported_operator.hx:6:19: error: the operator <~> is not supported in hastec's Elixir subset{{$}}
# CHECK-NEXT: {{^}}      def f(x), do: x <~> x{{$}}
# CHECK-NEXT: {{^}}                      ^{{$}}
# CHECK-NOT:  error
