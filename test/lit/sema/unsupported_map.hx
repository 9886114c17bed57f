# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# Maps are outside the subset.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: %{a: x}
end

# CHECK:      {{^}}{{.*}}/unsupported_map.hx:6:17: error: maps are not supported in hastec's Elixir subset{{$}}
# CHECK-NEXT: {{^}}      def f(x), do: %{a: x}{{$}}
# CHECK-NEXT: {{^}}                    ^{{$}}
# CHECK-NOT:  error
