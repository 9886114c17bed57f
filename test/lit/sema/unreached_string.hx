# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# A string in a function no entry reaches.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: x

  def g(_x), do: "s"
end

# CHECK:      {{^}}{{.*}}/unreached_string.hx:8:18: error: strings are not supported in hastec's Elixir subset yet{{$}}
# CHECK-NEXT: {{^}}      def g(_x), do: "s"{{$}}
# CHECK-NEXT: {{^}}                     ^{{$}}
# CHECK-NOT:  error
