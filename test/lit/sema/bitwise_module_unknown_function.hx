# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# A Bitwise function hastec does not know.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: Bitwise.bfoo(x, 1)
end

# CHECK:      {{^}}{{.*}}/bitwise_module_unknown_function.hx:6:25: error: Bitwise.bfoo/2 is not supported by hastec{{$}}
# CHECK-NEXT: {{^}}      def f(x), do: Bitwise.bfoo(x, 1){{$}}
# CHECK-NEXT: {{^}}                            ^{{$}}
# CHECK-NOT:  error
