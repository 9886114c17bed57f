# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# A Kernel function hastec does not compile.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: Kernel.inspect(x)
end

# CHECK:      {{^}}{{.*}}/unsupported_kernel_function.hx:6:24: error: Kernel.inspect/1 is not supported in hastec's Elixir subset{{$}}
# CHECK-NEXT: {{^}}      def f(x), do: Kernel.inspect(x){{$}}
# CHECK-NEXT: {{^}}                           ^{{$}}
# CHECK-NOT:  error
