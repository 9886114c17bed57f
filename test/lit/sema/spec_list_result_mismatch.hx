# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# The inferred list type disagrees with the @spec's list type.

defmodule M do
  @spec f(list(integer())) :: [float()]
  def f(xs), do: xs
end

# CHECK:      {{^}}{{.*}}/spec_list_result_mismatch.hx:6:3: error: M.f/1 returns [integer] but its @spec says [float]{{$}}
# CHECK-NEXT: {{^}}      def f(xs), do: xs{{$}}
# CHECK-NEXT: {{^}}      ^{{$}}
# CHECK-NOT:  error
