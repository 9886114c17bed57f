# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# The operands of and must be booleans.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: if(x and true, do: 1, else: 2)
end

# CHECK:      {{^}}{{.*}}/type_mismatch_and_operand.hx:6:20: error: and needs a boolean, got integer (hastec has no truthiness for other types){{$}}
# CHECK-NEXT: {{^}}      def f(x), do: if(x and true, do: 1, else: 2){{$}}
# CHECK-NEXT: {{^}}                       ^{{$}}
# CHECK-NOT:  error
