# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# Enum.filter needs a predicate returning a boolean.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: Enum.filter(1..x, fn a -> a * 2 end) |> Enum.sum()
end

# CHECK:      {{^}}{{.*}}/enum_filter_not_boolean.hx:6:35: error: Enum.filter/2 needs a function returning a boolean, got integer{{$}}
# CHECK-NEXT: {{^}}      def f(x), do: Enum.filter(1..x, fn a -> a * 2 end) |> Enum.sum(){{$}}
# CHECK-NEXT: {{^}}                                      ^{{$}}
# CHECK-NOT:  error
