# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# A list literal may not mix integers and floats.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: length([x, 2.5])
end

# CHECK:      {{^}}{{.*}}/list_mixes_int_float.hx:6:24: error: list mixes integers and floats; hastec lists hold one type (write 1.0 for 1){{$}}
# CHECK-NEXT: {{^}}      def f(x), do: length([x, 2.5]){{$}}
# CHECK-NEXT: {{^}}                           ^{{$}}
# CHECK-NOT:  error
