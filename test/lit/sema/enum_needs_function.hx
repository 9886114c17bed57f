# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# Enum.map needs a function as its second argument.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: Enum.map(1..x, x) |> Enum.sum()
end

# CHECK:      {{^}}{{.*}}/enum_needs_function.hx:6:32: error: Enum.map/2 needs a function (fn x -> ... end or &f/1) here{{$}}
# CHECK-NEXT: {{^}}      def f(x), do: Enum.map(1..x, x) |> Enum.sum(){{$}}
# CHECK-NEXT: {{^}}                                   ^{{$}}
# CHECK-NOT:  error
