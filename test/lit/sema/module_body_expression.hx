# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# A module body holds only definitions and attributes.

defmodule M do
  x = 1

  @spec f(integer()) :: integer()
  def f(y), do: y
end

# CHECK:      {{^}}{{.*}}/module_body_expression.hx:5:5: error: a module body may contain only def, defp, module attributes and `import Bitwise`{{$}}
# CHECK-NEXT: {{^}}      x = 1{{$}}
# CHECK-NEXT: {{^}}        ^{{$}}
# CHECK-NOT:  error
