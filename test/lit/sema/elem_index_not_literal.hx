# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# elem/2 needs a literal index.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: elem({x, x}, x)
end

# CHECK:      {{^}}{{.*}}/elem_index_not_literal.hx:6:30: error: elem/2 needs a literal index in hastec (tuple members may differ in type){{$}}
# CHECK-NEXT: {{^}}      def f(x), do: elem({x, x}, x){{$}}
# CHECK-NEXT: {{^}}                                 ^{{$}}
# CHECK-NOT:  error
