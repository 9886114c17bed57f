# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# List -- is outside the subset.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: length([x] -- [x])
end

# CHECK:      {{^}}{{.*}}/unsupported_list_subtract.hx:6:28: error: list -- is not supported in hastec's Elixir subset yet{{$}}
# CHECK-NEXT: {{^}}      def f(x), do: length([x] -- [x]){{$}}
# CHECK-NEXT: {{^}}                               ^{{$}}
# CHECK-NOT:  error
