# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# Strings are outside the subset.

defmodule M do
  @spec f(integer()) :: integer()
  def f(_x), do: "hello"
end

# CHECK:      {{^}}{{.*}}/unsupported_string.hx:6:18: error: strings are not supported in hastec's Elixir subset yet{{$}}
# CHECK-NEXT: {{^}}      def f(_x), do: "hello"{{$}}
# CHECK-NEXT: {{^}}                     ^{{$}}
# CHECK-NOT:  error
