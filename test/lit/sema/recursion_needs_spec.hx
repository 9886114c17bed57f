# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# A recursive helper whose result type cannot be inferred needs a @spec.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: loop(x)

  defp loop(x), do: loop(x - 1) + 1
end

# CHECK:      {{^}}{{.*}}/recursion_needs_spec.hx:8:3: error: cannot infer the result type of the recursive function M.loop/1: add a @spec{{$}}
# CHECK-NEXT: {{^}}      defp loop(x), do: loop(x - 1) + 1{{$}}
# CHECK-NEXT: {{^}}      ^{{$}}
# CHECK-NOT:  error
