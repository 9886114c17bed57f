# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# The clauses of a fn returning integer and float.

defmodule M do
  @spec f(integer()) :: float()
  def f(x) do
    Enum.map(1..x, fn
      0 -> 1
      _ -> 2.0
    end)
    |> Enum.sum()
  end
end

# CHECK:      {{^}}{{.*}}/fn_clauses_integer_and_float.hx:9:12: error: the clauses of anonymous fn/1 in M.f/1 return integer and float; hastec needs one type (write 1.0 for 1){{$}}
# CHECK-NEXT: {{^}}          _ -> 2.0{{$}}
# CHECK-NEXT: {{^}}               ^{{$}}
# CHECK-NOT:  error
