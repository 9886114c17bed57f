# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# Strings are outside the subset.

defmodule M do
  @spec f(integer()) :: integer()
  def f(_x), do: "hello"
end

# CHECK:      {{^}}{{.*}}/unsupported_string.hx:6:18: error: a string cannot be used here: strings are compile-time values in hastec's Elixir subset (file paths, column names and options), not run-time data yet{{$}}
# CHECK-NEXT: {{^}}      def f(_x), do: "hello"{{$}}
# CHECK-NEXT: {{^}}                     ^{{$}}
# CHECK-NOT:  error
