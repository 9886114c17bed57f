# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# receive is outside the subset.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x) do
    receive do
      y -> y + x
    end
  end
end

# CHECK:      {{^}}{{.*}}/unsupported_receive.hx:7:5: error: `receive` is not supported in hastec's Elixir subset yet{{$}}
# CHECK-NEXT: {{^}}        receive do{{$}}
# CHECK-NEXT: {{^}}        ^{{$}}
# CHECK-NOT:  error
