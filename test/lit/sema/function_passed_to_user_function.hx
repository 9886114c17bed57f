# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# Functions can be passed to Enum functions only.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: g(x, fn y -> y end)

  defp g(x, _h), do: x
end

# CHECK:      {{^}}{{.*}}/function_passed_to_user_function.hx:6:22: error: passing a function to M.g/2 is not supported yet; functions can be passed to Enum functions{{$}}
# CHECK-NEXT: {{^}}      def f(x), do: g(x, fn y -> y end){{$}}
# CHECK-NEXT: {{^}}                         ^{{$}}
# CHECK-NOT:  error
