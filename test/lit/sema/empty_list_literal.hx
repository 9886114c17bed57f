# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# An empty list literal has no element type.

defmodule M do
  @spec f(integer()) :: integer()
  def f(_x), do: length([])
end

# CHECK:      {{^}}{{.*}}/empty_list_literal.hx:6:25: error: the type of an empty list literal is unknown here; hastec needs typed lists{{$}}
# CHECK-NEXT: {{^}}      def f(_x), do: length([]){{$}}
# CHECK-NEXT: {{^}}                            ^{{$}}
# CHECK-NOT:  error
