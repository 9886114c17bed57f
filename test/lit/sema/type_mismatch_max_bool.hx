# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# max/2 needs numbers; both types are named.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: max(x, true)
end

# CHECK:      {{^}}{{.*}}/type_mismatch_max_bool.hx:6:17: error: max/2 needs numbers, got integer and boolean{{$}}
# CHECK-NEXT: {{^}}      def f(x), do: max(x, true){{$}}
# CHECK-NEXT: {{^}}                    ^{{$}}
# CHECK-NOT:  error
