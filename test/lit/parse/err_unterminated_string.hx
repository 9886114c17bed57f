# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# A string without its closing quote.

defmodule M do
  @doc "never closed
  def f(x), do: x
end

# CHECK:      {{^}}{{.*}}/err_unterminated_string.hx:5:8: error: unterminated string: missing '"' for the string that starts here{{$}}
# CHECK-NEXT: {{^}}      @doc "never closed{{$}}
# CHECK-NEXT: {{^}}           ^{{$}}
# CHECK-NEXT: {{^}}{{.*}}/err_unterminated_string.hx:8:1: error: unexpected end of file: missing 'end' for 'do' opened at 4:13{{$}}
# CHECK-NEXT: {{^}}    {{$}}
# CHECK-NEXT: {{^}}    ^{{$}}
# CHECK-NEXT: {{^}}2 errors{{$}}
# CHECK-NOT:  error
