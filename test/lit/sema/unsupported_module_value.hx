# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# A module name is not a value.

defmodule M do
  @spec f(integer()) :: integer()
  def f(_x), do: Enum
end

# CHECK:      {{^}}{{.*}}/unsupported_module_value.hx:6:18: error: a module name (Enum) is not a value{{$}}
# CHECK-NEXT: {{^}}      def f(_x), do: Enum{{$}}
# CHECK-NEXT: {{^}}                     ^{{$}}
# CHECK-NOT:  error
