# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# Only a variable can be bound with =.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x) do
    {a, b} = {x, x}
    a + b
  end
end

# CHECK:      {{^}}{{.*}}/unsupported_match_pattern.hx:7:5: error: only a variable can be bound with = in hastec's Elixir subset (patterns come later){{$}}
# CHECK-NEXT: {{^}}        {a, b} = {x, x}{{$}}
# CHECK-NEXT: {{^}}        ^{{$}}
# CHECK-NOT:  error
