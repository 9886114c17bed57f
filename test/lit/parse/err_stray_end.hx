# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# An 'end' with nothing to close.

defmodule M do
  def f(x), do: x
end
end

# CHECK:      {{^}}{{.*}}/err_stray_end.hx:7:1: error: unexpected token 'end'{{$}}
# CHECK-NEXT: {{^}}    end{{$}}
# CHECK-NEXT: {{^}}    ^{{$}}
# CHECK-NOT:  error
