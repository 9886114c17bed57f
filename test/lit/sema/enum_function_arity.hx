# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# Enum.map needs a function of one argument.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: Enum.map(1..x, fn a, b -> a + b end) |> Enum.sum()
end

# CHECK:      {{^}}{{.*}}/enum_function_arity.hx:6:32: error: Enum.map/2 needs a function of 1 argument, got one of 2{{$}}
# CHECK-NEXT: {{^}}      def f(x), do: Enum.map(1..x, fn a, b -> a + b end) |> Enum.sum(){{$}}
# CHECK-NEXT: {{^}}                                   ^{{$}}
# CHECK-NOT:  error
