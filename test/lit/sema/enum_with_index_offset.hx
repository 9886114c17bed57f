# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# Enum.with_index/2 needs an integer offset.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: length(Enum.with_index(1..x, 1.5))
end

# CHECK:      {{^}}{{.*}}/enum_with_index_offset.hx:6:46: error: Enum.with_index/2 needs an integer offset{{$}}
# CHECK-NEXT: {{^}}      def f(x), do: length(Enum.with_index(1..x, 1.5)){{$}}
# CHECK-NEXT: {{^}}                                                 ^{{$}}
# CHECK-NOT:  error
