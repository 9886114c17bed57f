# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# All clauses of a fn must take the same number of arguments.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x) do
    Enum.map(1..x, fn
      0 -> 1
      a, b -> a + b
    end)
    |> Enum.sum()
  end
end

# CHECK:      {{^}}{{.*}}/fn_clause_arity_mismatch.hx:9:7: error: all clauses of an anonymous function must take the same number of arguments{{$}}
# CHECK-NEXT: {{^}}          a, b -> a + b{{$}}
# CHECK-NEXT: {{^}}          ^{{$}}
# CHECK-NOT:  error
