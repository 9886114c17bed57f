# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# The condition of if must be a boolean: there is no truthiness.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: if(x, do: 1, else: 2)
end

# CHECK:      {{^}}{{.*}}/type_mismatch_if_condition.hx:6:20: error: if needs a boolean, got integer (hastec has no truthiness for other types){{$}}
# CHECK-NEXT: {{^}}      def f(x), do: if(x, do: 1, else: 2){{$}}
# CHECK-NEXT: {{^}}                       ^{{$}}
# CHECK-NOT:  error
