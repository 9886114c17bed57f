# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# An unknown module suggests the closest known one.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: Enun.sum(1..x)
end

# CHECK:      {{^}}{{.*}}/unsupported_module.hx:6:17: error: module Enun is not available in hastec (it is not defined in this program and is not part of the supported library); did you mean Enum?{{$}}
# CHECK-NEXT: {{^}}      def f(x), do: Enun.sum(1..x){{$}}
# CHECK-NEXT: {{^}}                    ^{{$}}
# CHECK-NOT:  error
