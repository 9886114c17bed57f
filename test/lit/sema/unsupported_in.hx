# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# The in operator is outside the subset.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: if(x in [1, 2], do: 1, else: 2)
end

# CHECK:      {{^}}{{.*}}/unsupported_in.hx:6:22: error: `in` is not supported in hastec's Elixir subset yet{{$}}
# CHECK-NEXT: {{^}}      def f(x), do: if(x in [1, 2], do: 1, else: 2){{$}}
# CHECK-NEXT: {{^}}                         ^{{$}}
# CHECK-NOT:  error
