# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# A ')' that closes nothing.

defmodule M do
  def f(x) do
    g(x))
  end
end

# CHECK:      {{^}}{{.*}}/err_stray_paren.hx:6:9: error: unexpected token ')'{{$}}
# CHECK-NEXT: {{^}}        g(x)){{$}}
# CHECK-NEXT: {{^}}            ^{{$}}
# CHECK-NOT:  error
