# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# Mutually recursive helpers with no base case need a @spec.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: g(x)

  defp g(x), do: h(x)
  defp h(x), do: g(x)
end

# CHECK:      {{^}}{{.*}}/mutual_recursion_needs_spec.hx:8:3: error: cannot infer the result type of the recursive function M.g/1: add a @spec{{$}}
# CHECK-NEXT: {{^}}      defp g(x), do: h(x){{$}}
# CHECK-NEXT: {{^}}      ^{{$}}
# CHECK-NOT:  error
