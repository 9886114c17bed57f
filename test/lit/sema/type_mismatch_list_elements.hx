# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# List elements must share one type; both types are named.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: length([x, true])
end

# CHECK:      {{^}}{{.*}}/type_mismatch_list_elements.hx:6:28: error: list elements must share one type: integer and boolean{{$}}
# CHECK-NEXT: {{^}}      def f(x), do: length([x, true]){{$}}
# CHECK-NEXT: {{^}}                               ^{{$}}
# CHECK-NOT:  error
