# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# @type is not supported.

defmodule M do
  @type t :: integer()

  @spec f(integer()) :: integer()
  def f(x), do: x
end

# CHECK:      {{^}}{{.*}}/unsupported_type_attribute.hx:5:3: error: @type is not supported in hastec's Elixir subset{{$}}
# CHECK-NEXT: {{^}}      @type t :: integer(){{$}}
# CHECK-NEXT: {{^}}      ^{{$}}
# CHECK-NOT:  error
