# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# A @spec without :: result.

defmodule M do
  @spec f(integer())
  def f(x), do: x
end

# CHECK:      {{^}}{{.*}}/spec_malformed.hx:5:9: error: expected @spec name(type, ...) :: type{{$}}
# CHECK-NEXT: {{^}}      @spec f(integer()){{$}}
# CHECK-NEXT: {{^}}            ^{{$}}
# CHECK-NOT:  error
