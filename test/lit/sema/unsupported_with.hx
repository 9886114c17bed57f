# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# with is outside the subset.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x) do
    with y <- x, do: y
  end
end

# CHECK:      {{^}}{{.*}}/unsupported_with.hx:7:5: error: `with` is not supported in hastec's Elixir subset yet{{$}}
# CHECK-NEXT: {{^}}        with y <- x, do: y{{$}}
# CHECK-NEXT: {{^}}        ^{{$}}
# CHECK-NOT:  error
