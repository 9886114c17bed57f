# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# An empty do-block would return nil.

defmodule M do
  @spec f(integer()) :: integer()
  def f(_x) do
  end
end

# CHECK:      {{^}}{{.*}}/empty_function_body.hx:6:13: error: empty function body (it would return nil){{$}}
# CHECK-NEXT: {{^}}      def f(_x) do{{$}}
# CHECK-NEXT: {{^}}                ^{{$}}
# CHECK-NOT:  error
