# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# use is not supported.

defmodule M do
  use GenServer

  @spec f(integer()) :: integer()
  def f(x), do: x
end

# CHECK:      {{^}}{{.*}}/unsupported_use.hx:5:3: error: `use` is not supported in hastec's Elixir subset{{$}}
# CHECK-NEXT: {{^}}      use GenServer{{$}}
# CHECK-NEXT: {{^}}      ^{{$}}
# CHECK-NOT:  error
