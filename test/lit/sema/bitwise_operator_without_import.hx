# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# Bitwise operators need import Bitwise.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: x &&& 1
end

# CHECK:      {{^}}{{.*}}/bitwise_operator_without_import.hx:6:19: error: the operator &&& needs `import Bitwise` in the module{{$}}
# CHECK-NEXT: {{^}}      def f(x), do: x &&& 1{{$}}
# CHECK-NEXT: {{^}}                      ^{{$}}
# CHECK-NOT:  error
