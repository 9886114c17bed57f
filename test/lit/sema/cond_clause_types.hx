# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# The clauses of cond must return one type.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x) do
    cond do
      x > 0 -> 1
      true -> false
    end
  end
end

# CHECK:      {{^}}{{.*}}/cond_clause_types.hx:9:15: error: the clauses of cond return different types: integer and boolean{{$}}
# CHECK-NEXT: {{^}}          true -> false{{$}}
# CHECK-NEXT: {{^}}                  ^{{$}}
# CHECK-NOT:  error
