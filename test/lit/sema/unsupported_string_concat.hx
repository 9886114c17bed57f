# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# <> (string concatenation) is outside the subset.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: x <> x
end

# CHECK:      {{^}}{{.*}}/unsupported_string_concat.hx:6:19: error: strings (<>) are not supported in hastec's Elixir subset{{$}}
# CHECK-NEXT: {{^}}      def f(x), do: x <> x{{$}}
# CHECK-NEXT: {{^}}                      ^{{$}}
# CHECK-NOT:  error
