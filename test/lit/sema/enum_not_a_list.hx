# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# The first argument of an Enum function must be a list or range.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: Enum.sum(x)
end

# CHECK:      {{^}}{{.*}}/enum_not_a_list.hx:6:26: error: Enum.sum/1 needs a list or range as its first argument, got integer{{$}}
# CHECK-NEXT: {{^}}      def f(x), do: Enum.sum(x){{$}}
# CHECK-NEXT: {{^}}                             ^{{$}}
# CHECK-NOT:  error
