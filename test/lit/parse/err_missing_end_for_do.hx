# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# A ')' that closes nothing while a do-block is open.

defmodule M do
  def f(x) do
    g(x))
  end
end

# CHECK:      {{^}}{{.*}}/err_missing_end_for_do.hx:6:9: error: missing 'end' for 'do' opened at 5:12{{$}}
# CHECK-NEXT: {{^}}        g(x)){{$}}
# CHECK-NEXT: {{^}}            ^{{$}}
# CHECK-NOT:  error
