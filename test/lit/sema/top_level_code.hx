# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# Only defmodule is allowed at the top level.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: x
end

IO.puts(M.f(1))

# CHECK:      {{^}}{{.*}}/top_level_code.hx:9:4: error: only defmodule is allowed at the top level of a .hx file{{$}}
# CHECK-NEXT: {{^}}    IO.puts(M.f(1)){{$}}
# CHECK-NEXT: {{^}}       ^{{$}}
# CHECK-NOT:  error
