# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# elem/2 with an index past the tuple's end.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: elem({x, x}, 2)
end

# CHECK:      {{^}}{{.*}}/elem_index_out_of_range.hx:6:30: error: elem/2 index 2 is out of range for a tuple of 2{{$}}
# CHECK-NEXT: {{^}}      def f(x), do: elem({x, x}, 2){{$}}
# CHECK-NEXT: {{^}}                                 ^{{$}}
# CHECK-NOT:  error
