# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# f.(x) with the wrong number of arguments (Elixir: BadArityError).

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: apply_twice(fn a, b -> a + b end, x)

  defp apply_twice(g, x), do: g.(g.(x))
end

# CHECK:      {{^}}{{.*}}/function_value_call_arity.hx:8:35: error: this function takes 2 arguments, called with 1{{$}}
# CHECK-NEXT: {{^}}      defp apply_twice(g, x), do: g.(g.(x)){{$}}
# CHECK-NEXT: {{^}}                                      ^{{$}}
# CHECK-NOT:  error
