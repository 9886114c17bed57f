# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# The do-block of case holds pattern -> expression clauses.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x) do
    case x do
      1
    end
  end
end

# CHECK:      {{^}}{{.*}}/case_clause_not_a_clause.hx:8:7: error: case needs clauses of the form pattern -> expression{{$}}
# CHECK-NEXT: {{^}}          1{{$}}
# CHECK-NEXT: {{^}}          ^{{$}}
# CHECK-NOT:  error
