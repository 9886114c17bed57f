# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# Unary minus needs a number.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: if(-(x > 1), do: 1, else: 2)
end

# CHECK:      {{^}}{{.*}}/type_mismatch_unary_minus.hx:6:20: error: unary - needs a number, got boolean{{$}}
# CHECK-NEXT: {{^}}      def f(x), do: if(-(x > 1), do: 1, else: 2){{$}}
# CHECK-NEXT: {{^}}                       ^{{$}}
# CHECK-NOT:  error
