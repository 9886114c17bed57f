# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# A module attribute used as a value must be a constant.

defmodule M do
  @mu g(1)

  @spec f(integer()) :: integer()
  def f(x), do: x * @mu

  def g(x), do: x
end

# CHECK:      {{^}}{{.*}}/attribute_not_constant.hx:8:21: error: module attribute @mu must be a constant{{$}}
# CHECK-NEXT: {{^}}      def f(x), do: x * @mu{{$}}
# CHECK-NEXT: {{^}}                        ^{{$}}
# CHECK-NOT:  error
