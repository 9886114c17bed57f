# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# &1 outside a capture.

defmodule M do
  @spec f(integer()) :: integer()
  def f(_x), do: &1
end

# CHECK:      {{^}}{{.*}}/capture_arg_outside_capture.hx:6:18: error: &1 outside a capture &(...){{$}}
# CHECK-NEXT: {{^}}      def f(_x), do: &1{{$}}
# CHECK-NEXT: {{^}}                     ^{{$}}
# CHECK-NOT:  error
