# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# A module attribute needs a value.

defmodule M do
  @mu

  @spec f(integer()) :: integer()
  def f(x), do: x
end

# CHECK:      {{^}}{{.*}}/attribute_without_value.hx:5:3: error: a module attribute needs a value: @name value{{$}}
# CHECK-NEXT: {{^}}      @mu{{$}}
# CHECK-NEXT: {{^}}      ^{{$}}
# CHECK-NOT:  error
