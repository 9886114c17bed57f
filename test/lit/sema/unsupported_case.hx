# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# case is outside the subset.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x) do
    case x do
      0 -> 1
      _ -> 2
    end
  end
end

# CHECK:      {{^}}{{.*}}/unsupported_case.hx:7:5: error: `case` is not supported in hastec's Elixir subset yet{{$}}
# CHECK-NEXT: {{^}}        case x do{{$}}
# CHECK-NEXT: {{^}}        ^{{$}}
# CHECK-NOT:  error
