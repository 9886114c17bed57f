# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# The inferred result type disagrees with the @spec.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: x * 1.5
end

# CHECK:      {{^}}{{.*}}/spec_result_mismatch.hx:6:3: error: M.f/1 returns float but its @spec says integer{{$}}
# CHECK-NEXT: {{^}}      def f(x), do: x * 1.5{{$}}
# CHECK-NEXT: {{^}}      ^{{$}}
# CHECK-NOT:  error
