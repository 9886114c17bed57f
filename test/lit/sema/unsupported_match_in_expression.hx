# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# A match must be a statement of its own.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: x + (y = 1)
end

# CHECK:      {{^}}{{.*}}/unsupported_match_in_expression.hx:6:24: error: a match (=) must be a statement of its own in hastec's Elixir subset{{$}}
# CHECK-NEXT: {{^}}      def f(x), do: x + (y = 1){{$}}
# CHECK-NEXT: {{^}}                           ^{{$}}
# CHECK-NOT:  error
