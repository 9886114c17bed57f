# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# Reading a field (x.field) needs a map.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: x.field
end

# CHECK:      {{^}}{{.*}}/unsupported_field_access.hx:6:19: error: reading a field (x.field) needs a map, got integer{{$}}
# CHECK-NEXT: {{^}}      def f(x), do: x.field{{$}}
# CHECK-NEXT: {{^}}                      ^{{$}}
# CHECK-NOT:  error
