# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# [head | tail] lists are outside the subset.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: length([x | [x]])
end

# CHECK:      {{^}}{{.*}}/unsupported_head_tail.hx:6:27: error: [head | tail] lists are not supported in hastec's Elixir subset{{$}}
# CHECK-NEXT: {{^}}      def f(x), do: length([x | [x]]){{$}}
# CHECK-NEXT: {{^}}                              ^{{$}}
# CHECK-NOT:  error
