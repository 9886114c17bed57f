# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# Errors in several functions are all reported, then counted.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: x + true

  @spec g(integer()) :: integer()
  def g(x), do: zzz + x

  @spec h(integer()) :: integer()
  def h(_x), do: "s"
end

# CHECK:      {{^}}{{.*}}/several_errors.hx:6:19: error: `+` needs numbers, got integer and boolean{{$}}
# CHECK-NEXT: {{^}}      def f(x), do: x + true{{$}}
# CHECK-NEXT: {{^}}                      ^{{$}}
# CHECK-NEXT: {{^}}{{.*}}/several_errors.hx:9:17: error: undefined variable zzz{{$}}
# CHECK-NEXT: {{^}}      def g(x), do: zzz + x{{$}}
# CHECK-NEXT: {{^}}                    ^{{$}}
# CHECK-NEXT: {{^}}{{.*}}/several_errors.hx:12:18: error: a string cannot be used here: strings are compile-time values in hastec's Elixir subset (file paths, column names and options), not run-time data yet{{$}}
# CHECK-NEXT: {{^}}      def h(_x), do: "s"{{$}}
# CHECK-NEXT: {{^}}                     ^{{$}}
# CHECK-NEXT: {{^}}3 errors{{$}}
