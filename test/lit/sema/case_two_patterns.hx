# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# A case clause takes exactly one pattern.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x) do
    case x do
      a, b -> a + b
    end
  end
end

# CHECK:      {{^}}{{.*}}/case_two_patterns.hx:8:7: error: case clauses take exactly one pattern{{$}}
# CHECK-NEXT: {{^}}          a, b -> a + b{{$}}
# CHECK-NEXT: {{^}}          ^{{$}}
# CHECK-NOT:  error
