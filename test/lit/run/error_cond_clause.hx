# RUN: not %hastec run %s -e 'CondErr.d(3)' 2>&1 | FileCheck --strict-whitespace %s
# A cond with no true condition raises CondClauseError.

defmodule CondErr do
  @spec d(integer()) :: integer()
  def d(x) do
    cond do
      x > 10 -> 1
      x > 5 -> 2
    end
  end
end

# CHECK:      {{^}}** (CondClauseError) no cond clause evaluated to a truthy value{{$}}
# CHECK-NEXT: {{^}}    {{.*}}error_cond_clause.hx:{{[0-9]+}}: CondErr.d/1{{$}}
