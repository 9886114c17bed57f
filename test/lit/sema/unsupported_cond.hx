# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# cond is outside the subset.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x) do
    cond do
      x > 0 -> 1
      true -> 2
    end
  end
end

# CHECK:      {{^}}{{.*}}/unsupported_cond.hx:7:5: error: `cond` is not supported in hastec's Elixir subset yet{{$}}
# CHECK-NEXT: {{^}}        cond do{{$}}
# CHECK-NEXT: {{^}}        ^{{$}}
# CHECK-NOT:  error
