# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# 'end' while a '(' is still open.

defmodule M do
  def f(x) do
    foo(x
  end
end

# CHECK:      {{^}}{{.*}}/err_missing_paren.hx:7:3: error: missing ')' for '(' opened at 6:8{{$}}
# CHECK-NEXT: {{^}}      end{{$}}
# CHECK-NEXT: {{^}}      ^{{$}}
# CHECK-NOT:  error
