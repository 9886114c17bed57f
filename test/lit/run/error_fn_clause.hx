# RUN: not %hastec run %s -e 'FnClause.f(3)' 2>&1 | FileCheck --strict-whitespace %s
# An anonymous fn with no matching clause raises FunctionClauseError
# naming the fn and the function that contains it.

defmodule FnClause do
  @spec f(integer()) :: [integer()]
  def f(n) do
    Enum.map(1..n, fn
      1 -> 10
      2 -> 20
    end)
  end
end

# CHECK:      {{^}}** (FunctionClauseError) no function clause matching in anonymous fn/1 in FnClause.f/1{{$}}
# CHECK-NEXT: {{^}}    {{.*}}error_fn_clause.hx:8: FnClause.f/1{{$}}
