# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# Enum.take needs an integer count.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: Enum.sum(Enum.take(1..x, 1.5))
end

# CHECK:      {{^}}{{.*}}/enum_take_count_not_integer.hx:6:42: error: Enum.take/2 needs an integer count{{$}}
# CHECK-NEXT: {{^}}      def f(x), do: Enum.sum(Enum.take(1..x, 1.5)){{$}}
# CHECK-NEXT: {{^}}                                             ^{{$}}
# CHECK-NOT:  error
