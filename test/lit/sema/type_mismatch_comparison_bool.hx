# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# Ordering comparisons need numbers; both types are named.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: if(x < true, do: 1, else: 2)
end

# CHECK:      {{^}}{{.*}}/type_mismatch_comparison_bool.hx:6:22: error: `<` needs numbers, got integer and boolean{{$}}
# CHECK-NEXT: {{^}}      def f(x), do: if(x < true, do: 1, else: 2){{$}}
# CHECK-NEXT: {{^}}                         ^{{$}}
# CHECK-NOT:  error
