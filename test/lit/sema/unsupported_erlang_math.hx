# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# Erlang's :math module is not supported.

defmodule M do
  @spec f(float()) :: float()
  def f(x), do: :math.sqrt(x)
end

# CHECK:      {{^}}{{.*}}/unsupported_erlang_math.hx:6:23: error: the Erlang module :math is not supported yet{{$}}
# CHECK-NEXT: {{^}}      def f(x), do: :math.sqrt(x){{$}}
# CHECK-NEXT: {{^}}                          ^{{$}}
# CHECK-NOT:  error
