# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# The operand of not must be a boolean.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: if(not x, do: 1, else: 2)
end

# CHECK:      {{^}}{{.*}}/type_mismatch_not_operand.hx:6:20: error: not needs a boolean, got integer (hastec has no truthiness for other types){{$}}
# CHECK-NEXT: {{^}}      def f(x), do: if(not x, do: 1, else: 2){{$}}
# CHECK-NEXT: {{^}}                       ^{{$}}
# CHECK-NOT:  error
