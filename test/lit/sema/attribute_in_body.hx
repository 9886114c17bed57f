# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# Module attributes cannot be set inside a function.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x) do
    @mu x
  end
end

# CHECK:      {{^}}{{.*}}/attribute_in_body.hx:7:5: error: module attributes can only be set at the module's top level{{$}}
# CHECK-NEXT: {{^}}        @mu x{{$}}
# CHECK-NEXT: {{^}}        ^{{$}}
# CHECK-NOT:  error
