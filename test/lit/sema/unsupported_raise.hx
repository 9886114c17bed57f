# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# raise is outside the subset.

defmodule M do
  @spec f(integer()) :: integer()
  def f(_x), do: raise(ArgumentError)
end

# CHECK:      {{^}}{{.*}}/unsupported_raise.hx:6:18: error: `raise` is not supported in hastec's Elixir subset yet{{$}}
# CHECK-NEXT: {{^}}      def f(_x), do: raise(ArgumentError){{$}}
# CHECK-NEXT: {{^}}                     ^{{$}}
# CHECK-NOT:  error
