# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# nil is outside the subset: values are typed.

defmodule M do
  @spec f(integer()) :: integer()
  def f(_x), do: nil
end

# CHECK:      {{^}}{{.*}}/unsupported_nil.hx:6:18: error: nil is not supported in hastec's Elixir subset (values are typed){{$}}
# CHECK-NEXT: {{^}}      def f(_x), do: nil{{$}}
# CHECK-NEXT: {{^}}                     ^{{$}}
# CHECK-NOT:  error
