# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# Arithmetic on a boolean names both operand types.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: x + true
end

# CHECK:      {{^}}{{.*}}/type_mismatch_add_bool.hx:6:19: error: `+` needs numbers, got integer and boolean{{$}}
# CHECK-NEXT: {{^}}      def f(x), do: x + true{{$}}
# CHECK-NEXT: {{^}}                      ^{{$}}
# CHECK-NOT:  error
