# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# Enum.count/2 needs a predicate returning a boolean.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: Enum.count(1..x, fn a -> a * 2 end)
end

# CHECK:      {{^}}{{.*}}/enum_count_not_boolean.hx:6:34: error: Enum.count/2 needs a function returning a boolean, got integer{{$}}
# CHECK-NEXT: {{^}}      def f(x), do: Enum.count(1..x, fn a -> a * 2 end){{$}}
# CHECK-NEXT: {{^}}                                     ^{{$}}
# CHECK-NOT:  error
