# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# Enum.sort/2 takes :asc or :desc only.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: Enum.sum(Enum.sort(1..x, fn a, b -> a > b end))
end

# CHECK:      {{^}}{{.*}}/enum_sort_function.hx:6:42: error: Enum.sort/2 takes :asc or :desc in hastec (sorting functions are not supported yet){{$}}
# CHECK-NEXT: {{^}}      def f(x), do: Enum.sum(Enum.sort(1..x, fn a, b -> a > b end)){{$}}
# CHECK-NEXT: {{^}}                                             ^{{$}}
# CHECK-NOT:  error
