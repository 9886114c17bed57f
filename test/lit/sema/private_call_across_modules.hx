# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# A defp cannot be called from another module.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: N.secret(x)
end

defmodule N do
  defp secret(x), do: x * 2
end

# CHECK:      {{^}}{{.*}}/private_call_across_modules.hx:6:19: error: N.secret/1 is private (defp); it cannot be called from another module{{$}}
# CHECK-NEXT: {{^}}      def f(x), do: N.secret(x){{$}}
# CHECK-NEXT: {{^}}                      ^{{$}}
# CHECK-NOT:  error
