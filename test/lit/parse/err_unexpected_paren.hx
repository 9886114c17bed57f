# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# A trailing comma before ')' names the ')'.

defmodule M do
  def f(x) do
    x = foo(1, )
  end
end

# CHECK:      {{^}}{{.*}}/err_unexpected_paren.hx:6:16: error: unexpected token ')'{{$}}
# CHECK-NEXT: {{^}}        x = foo(1, ){{$}}
# CHECK-NEXT: {{^}}                   ^{{$}}
# CHECK-NOT:  error
