# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# The clauses of case must return one type.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x) do
    case x do
      0 -> 1
      _ -> 2.0
    end
  end
end

# CHECK:      {{^}}{{.*}}/case_clause_types.hx:9:12: error: the clauses of case return integer and float; hastec needs one type (write 1.0 for 1){{$}}
# CHECK-NEXT: {{^}}          _ -> 2.0{{$}}
# CHECK-NEXT: {{^}}               ^{{$}}
# CHECK-NOT:  error
