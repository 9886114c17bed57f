# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# A def with no head at all.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: x

  def()
end

# CHECK:      {{^}}{{.*}}/def_no_head.hx:8:3: error: def needs a function head: def name(args) do ... end{{$}}
# CHECK-NEXT: {{^}}      def(){{$}}
# CHECK-NEXT: {{^}}      ^{{$}}
# CHECK-NOT:  error
