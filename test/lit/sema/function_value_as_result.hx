# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# A function value cannot be a function's result.

defmodule M do
  @spec f(integer()) :: integer()
  def f(_x) do
    g = fn y -> y end
    g
  end
end

# CHECK:      {{^}}{{.*}}/function_value_as_result.hx:8:5: error: a function value cannot be used here: call it (f.(x)), or pass it to a function or to Enum.map and friends{{$}}
# CHECK-NEXT: {{^}}        g{{$}}
# CHECK-NEXT: {{^}}        ^{{$}}
# CHECK-NOT:  error
