# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# div/2 needs two integers; both types are named.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: div(x, 2.0)
end

# CHECK:      {{^}}{{.*}}/type_mismatch_div_float.hx:6:17: error: div/2 needs two integers, got integer and float{{$}}
# CHECK-NEXT: {{^}}      def f(x), do: div(x, 2.0){{$}}
# CHECK-NEXT: {{^}}                    ^{{$}}
# CHECK-NOT:  error
