# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# Enum.min_by needs a function returning a number.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: Enum.min_by(1..x, fn a -> a > 2 end)
end

# CHECK:      {{^}}{{.*}}/enum_min_by_not_number.hx:6:35: error: Enum.min_by/2 needs a function returning a number{{$}}
# CHECK-NEXT: {{^}}      def f(x), do: Enum.min_by(1..x, fn a -> a > 2 end){{$}}
# CHECK-NEXT: {{^}}                                      ^{{$}}
# CHECK-NOT:  error
