# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# One error per statement: all three functions are reported.

defmodule M do
  def f(x) do
    x = 1 +* 2
  end
  def g(y), do: y ++ * y
  def h(z), do: [z, , z]
  def ok(w), do: w
end

# CHECK:      {{^}}{{.*}}/err_several.hx:6:12: error: unexpected token '*'{{$}}
# CHECK-NEXT: {{^}}        x = 1 +* 2{{$}}
# CHECK-NEXT: {{^}}               ^{{$}}
# CHECK-NEXT: {{^}}{{.*}}/err_several.hx:8:22: error: unexpected token '*'{{$}}
# CHECK-NEXT: {{^}}      def g(y), do: y ++ * y{{$}}
# CHECK-NEXT: {{^}}                         ^{{$}}
# CHECK-NEXT: {{^}}{{.*}}/err_several.hx:9:21: error: unexpected token ','{{$}}
# CHECK-NEXT: {{^}}      def h(z), do: [z, , z]{{$}}
# CHECK-NEXT: {{^}}                        ^{{$}}
# CHECK-NEXT: {{^}}3 errors{{$}}
# CHECK-NOT:  error
