# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# A supported Enum function at an unsupported arity.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: Enum.sum(1..x, 2)
end

# CHECK:      {{^}}{{.*}}/unsupported_enum_arity.hx:6:22: error: Enum.sum/2 is not supported by hastec (wrong number of arguments?){{$}}
# CHECK-NEXT: {{^}}      def f(x), do: Enum.sum(1..x, 2){{$}}
# CHECK-NEXT: {{^}}                         ^{{$}}
# CHECK-NOT:  error
