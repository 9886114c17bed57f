# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# A def whose head is not a name and parameters.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: x

  def 1 + 2, do: 3
end

# CHECK:      {{^}}{{.*}}/def_bad_head.hx:8:9: error: expected a function name and parameters after def{{$}}
# CHECK-NEXT: {{^}}      def 1 + 2, do: 3{{$}}
# CHECK-NEXT: {{^}}            ^{{$}}
# CHECK-NOT:  error
