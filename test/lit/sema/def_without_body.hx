# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# A def without a body.

defmodule M do
  @spec g(integer()) :: integer()
  def g(x), do: x

  def f(x)
end

# CHECK:      {{^}}{{.*}}/def_without_body.hx:8:3: error: function f has no body (`do: expr` or `do ... end`){{$}}
# CHECK-NEXT: {{^}}      def f(x){{$}}
# CHECK-NEXT: {{^}}      ^{{$}}
# CHECK-NOT:  error
