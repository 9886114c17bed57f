# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# A module attribute that is not set suggests the closest one.

defmodule M do
  @nu 3

  @spec f(integer()) :: integer()
  def f(x), do: x * @mu
end

# CHECK:      {{^}}{{.*}}/attribute_not_set.hx:8:21: error: module attribute @mu is not set before this function (did you mean @nu?){{$}}
# CHECK-NEXT: {{^}}      def f(x), do: x * @mu{{$}}
# CHECK-NEXT: {{^}}                        ^{{$}}
# CHECK-NOT:  error
