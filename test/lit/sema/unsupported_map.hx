# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# Maps with keys other than atoms are outside the subset.
defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: Map.get(%{"a" => x}, "a")
end
# CHECK:      {{^}}{{.*}}/unsupported_map.hx:[[@LINE-2]]:{{[0-9]+}}: error: hastec's maps have atom keys only (%{k: v} or %{:k => v}){{$}}
# CHECK-NOT:  error
