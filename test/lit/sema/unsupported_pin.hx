# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# The pin operator outside a pattern.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: ^x + 1
end

# CHECK:      {{^}}{{.*}}/unsupported_pin.hx:6:17: error: the pin operator ^ is only allowed in patterns{{$}}
# CHECK-NEXT: {{^}}      def f(x), do: ^x + 1{{$}}
# CHECK-NEXT: {{^}}                    ^{{$}}
# CHECK-NOT:  error
