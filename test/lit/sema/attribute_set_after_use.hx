# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# A module attribute is visible only in functions defined after it.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: x * @mu

  @mu 3
end

# CHECK:      {{^}}{{.*}}/attribute_set_after_use.hx:6:21: error: module attribute @mu is not set before this function{{$}}
# CHECK-NEXT: {{^}}      def f(x), do: x * @mu{{$}}
# CHECK-NEXT: {{^}}                        ^{{$}}
# CHECK-NOT:  error
