# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# A map in a function no entry reaches.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: x

  def g(x), do: %{a: x}
end

# CHECK:      {{^}}{{.*}}/unreached_map.hx:8:17: error: maps are not supported in hastec's Elixir subset{{$}}
# CHECK-NEXT: {{^}}      def g(x), do: %{a: x}{{$}}
# CHECK-NEXT: {{^}}                    ^{{$}}
# CHECK-NOT:  error
