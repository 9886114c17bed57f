# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# A string without its closing quote.
# CHECK:      {{^}}{{.*}}/err_unterminated_string.hx:9:8: error: unterminated string: missing '"' for the string that starts here{{$}}
# CHECK-NEXT: {{^}}      @doc "never closed{{$}}
# CHECK-NEXT: {{^}}           ^{{$}}
# CHECK-NOT:  error

defmodule M do
  @doc "never closed
  def f(x), do: x
end
