# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# elem/2 needs a tuple.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: elem(x, 0)
end

# CHECK:      {{^}}{{.*}}/elem_not_a_tuple.hx:6:17: error: elem/2 needs a tuple, got integer{{$}}
# CHECK-NEXT: {{^}}      def f(x), do: elem(x, 0){{$}}
# CHECK-NEXT: {{^}}                    ^{{$}}
# CHECK-NOT:  error
