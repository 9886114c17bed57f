# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# Reading a field (x.field) is not supported.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: x.field
end

# CHECK:      {{^}}{{.*}}/unsupported_field_access.hx:6:19: error: calling a function value or reading a field (x.f) is not supported in hastec's Elixir subset{{$}}
# CHECK-NEXT: {{^}}      def f(x), do: x.field{{$}}
# CHECK-NEXT: {{^}}                      ^{{$}}
# CHECK-NOT:  error
