# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# Range bounds must be integers; both bound types are named.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: Enum.sum(1.0..x)
end

# CHECK:      {{^}}{{.*}}/type_mismatch_range_float.hx:6:29: error: ranges need integer bounds, got float..integer{{$}}
# CHECK-NEXT: {{^}}      def f(x), do: Enum.sum(1.0..x){{$}}
# CHECK-NEXT: {{^}}                                ^{{$}}
# CHECK-NOT:  error
