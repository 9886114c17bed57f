# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# A def with a rescue block.

defmodule M do
  @spec g(integer()) :: integer()
  def g(x), do: x

  def f(x) do
    x
  rescue
    _ -> 0
  end
end

# CHECK:      {{^}}{{.*}}/def_with_rescue.hx:8:3: error: try/rescue in a function body is not supported in hastec's Elixir subset{{$}}
# CHECK-NEXT: {{^}}      def f(x) do{{$}}
# CHECK-NEXT: {{^}}      ^{{$}}
# CHECK-NOT:  error
