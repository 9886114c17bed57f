# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# Functions no entry reaches are still checked for constructs outside the subset.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: x

  def g(x) do
    case x do
      _ -> 1
    end
  end
end

# CHECK:      {{^}}{{.*}}/unreached_case.hx:9:5: error: `case` is not supported in hastec's Elixir subset yet{{$}}
# CHECK-NEXT: {{^}}        case x do{{$}}
# CHECK-NEXT: {{^}}        ^{{$}}
# CHECK-NOT:  error
