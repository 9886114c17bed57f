# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# when outside a function head or fn clause.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: x when x > 0
end

# CHECK:      {{^}}{{.*}}/when_in_expression.hx:6:19: error: `when` guards are only allowed in function heads and fn clauses{{$}}
# CHECK-NEXT: {{^}}      def f(x), do: x when x > 0{{$}}
# CHECK-NEXT: {{^}}                      ^{{$}}
# CHECK-NOT:  error
