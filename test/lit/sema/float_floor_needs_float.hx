# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# Float.floor/1 needs a float.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: Float.floor(x)
end

# CHECK:      {{^}}{{.*}}/float_floor_needs_float.hx:6:23: error: Float.floor/1 needs a float, got integer{{$}}
# CHECK-NEXT: {{^}}      def f(x), do: Float.floor(x){{$}}
# CHECK-NEXT: {{^}}                          ^{{$}}
# CHECK-NOT:  error
