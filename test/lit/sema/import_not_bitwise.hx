# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# Only import Bitwise is supported.

defmodule M do
  import Enum

  @spec f(integer()) :: integer()
  def f(x), do: x
end

# CHECK:      {{^}}{{.*}}/import_not_bitwise.hx:5:3: error: only `import Bitwise` and `import Nx.Defn` are supported in hastec's Elixir subset{{$}}
# CHECK-NEXT: {{^}}      import Enum{{$}}
# CHECK-NEXT: {{^}}      ^{{$}}
# CHECK-NOT:  error
