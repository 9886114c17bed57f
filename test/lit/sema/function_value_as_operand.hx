# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# A function value cannot be an operand.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: x + fn y -> y end
end

# CHECK:      {{^}}{{.*}}/function_value_as_operand.hx:6:21: error: a function value cannot be used here: call it (f.(x)), or pass it to a function or to Enum.map and friends{{$}}
# CHECK-NEXT: {{^}}      def f(x), do: x + fn y -> y end{{$}}
# CHECK-NEXT: {{^}}                        ^{{$}}
# CHECK-NOT:  error
