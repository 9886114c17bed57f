# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# A do-block left open at the end of the file.

defmodule M do
  def f(x) do
    x
  end

# CHECK:      {{^}}{{.*}}/err_missing_end_at_eof.hx:7:6: error: unexpected end of file: missing 'end' for 'do' opened at 4:13{{$}}
# CHECK-NEXT: {{^}}      end{{$}}
# CHECK-NEXT: {{^}}         ^{{$}}
# CHECK-NOT:  error
