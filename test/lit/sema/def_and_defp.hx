# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# A function defined with both def and defp.

defmodule M do
  @spec f(integer()) :: integer()
  def f(0), do: 0
  defp f(x), do: x
end

# CHECK:      {{^}}{{.*}}/def_and_defp.hx:7:3: error: function f/1 is defined with both def and defp{{$}}
# CHECK-NEXT: {{^}}      defp f(x), do: x{{$}}
# CHECK-NEXT: {{^}}      ^{{$}}
# CHECK-NOT:  error
