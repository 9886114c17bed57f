# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# A cond condition must be a boolean.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x) do
    cond do
      x -> 1
      true -> 2
    end
  end
end

# CHECK:      {{^}}{{.*}}/cond_clause_not_boolean.hx:8:7: error: a cond clause needs a boolean, got integer (hastec has no truthiness for other types){{$}}
# CHECK-NEXT: {{^}}          x -> 1{{$}}
# CHECK-NEXT: {{^}}          ^{{$}}
# CHECK-NOT:  error
