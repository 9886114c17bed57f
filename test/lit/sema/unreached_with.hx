# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# Functions no entry reaches are still checked for constructs outside the subset.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: x

  def g(x) do
    with y <- x, do: y
  end
end

# CHECK:      {{^}}{{.*}}/unreached_with.hx:9:5: error: `with` is not supported in hastec's Elixir subset yet{{$}}
# CHECK-NEXT: {{^}}        with y <- x, do: y{{$}}
# CHECK-NEXT: {{^}}        ^{{$}}
# CHECK-NOT:  error
