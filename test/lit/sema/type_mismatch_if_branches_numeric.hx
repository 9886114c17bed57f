# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# The branches of if must have one type; integer and float get a hint.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: if(x > 0, do: 1, else: 2.0)
end

# CHECK:      {{^}}{{.*}}/type_mismatch_if_branches_numeric.hx:6:17: error: the branches of if have different types: integer and float (hastec needs one type: write 1.0 for 1){{$}}
# CHECK-NEXT: {{^}}      def f(x), do: if(x > 0, do: 1, else: 2.0){{$}}
# CHECK-NEXT: {{^}}                    ^{{$}}
# CHECK-NOT:  error
