# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# Default arguments are not supported.

defmodule M do
  @spec g(integer()) :: integer()
  def g(x), do: x

  def f(x \\ 1), do: x
end

# CHECK:      {{^}}{{.*}}/default_arguments.hx:8:11: error: default arguments (\\) are not supported in hastec's Elixir subset{{$}}
# CHECK-NEXT: {{^}}      def f(x \\ 1), do: x{{$}}
# CHECK-NEXT: {{^}}              ^{{$}}
# CHECK-NOT:  error
