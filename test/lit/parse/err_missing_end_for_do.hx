# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# A ')' while a do-block opened inside the parentheses is still open.

defmodule M do
  def f(x) do
    g(if x do 1)
  end
end

# CHECK:      {{^}}{{.*}}/err_missing_end_for_do.hx:6:16: error: missing 'end' for 'do' opened at 6:12{{$}}
# CHECK-NEXT: {{^}}        g(if x do 1){{$}}
# CHECK-NEXT: {{^}}                   ^{{$}}
# CHECK-NOT:  error
