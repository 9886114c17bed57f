# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# Erlang modules other than :math are not supported.

defmodule M do
  @spec f(integer()) :: float()
  def f(_x), do: :rand.uniform()
end

# CHECK:      {{^}}{{.*}}/unsupported_erlang_module.hx:6:24: error: the Erlang module :rand is not supported by hastec (only :math is){{$}}
# CHECK-NEXT: {{^}}      def f(_x), do: :rand.uniform(){{$}}
# CHECK-NEXT: {{^}}                           ^{{$}}
# CHECK-NOT:  error
