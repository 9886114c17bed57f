# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# The right side of |> must be a call.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: x |> y
end

# CHECK:      {{^}}{{.*}}/pipe_into_non_call.hx:6:22: error: the right side of |> must be a function call, like Enum.map(&f/1){{$}}
# CHECK-NEXT: {{^}}      def f(x), do: x |> y{{$}}
# CHECK-NEXT: {{^}}                         ^{{$}}
# CHECK-NOT:  error
