# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# Calling a function value with .() is not supported.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x) do
    g = fn y -> y end
    g.(x)
  end
end

# CHECK:      {{^}}{{.*}}/unsupported_function_value_call.hx:8:6: error: calling a function value (f.(x)) is not supported in hastec's Elixir subset yet{{$}}
# CHECK-NEXT: {{^}}        g.(x){{$}}
# CHECK-NEXT: {{^}}         ^{{$}}
# CHECK-NOT:  error
