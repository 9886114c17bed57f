# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# The branches of if must have one type; both types are named.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: if(x > 0, do: 1, else: false)
end

# CHECK:      {{^}}{{.*}}/type_mismatch_if_branches.hx:6:17: error: the branches of if have different types: integer and boolean{{$}}
# CHECK-NEXT: {{^}}      def f(x), do: if(x > 0, do: 1, else: false){{$}}
# CHECK-NEXT: {{^}}                    ^{{$}}
# CHECK-NOT:  error
