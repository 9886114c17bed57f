# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# Nested modules are not supported.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: x

  defmodule Inner do
  end
end

# CHECK:      {{^}}{{.*}}/nested_defmodule.hx:8:3: error: `defmodule` is not supported in hastec's Elixir subset{{$}}
# CHECK-NEXT: {{^}}      defmodule Inner do{{$}}
# CHECK-NEXT: {{^}}      ^{{$}}
# CHECK-NOT:  error
