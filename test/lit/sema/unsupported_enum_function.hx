# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# An Enum function outside the supported set suggests the closest.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: Enum.mop(1..x, &(&1 * 2)) |> Enum.sum()
end

# CHECK:      {{^}}{{.*}}/unsupported_enum_function.hx:6:22: error: Enum.mop/2 is not supported by hastec (did you mean Enum.map?){{$}}
# CHECK-NEXT: {{^}}      def f(x), do: Enum.mop(1..x, &(&1 * 2)) |> Enum.sum(){{$}}
# CHECK-NEXT: {{^}}                         ^{{$}}
# CHECK-NOT:  error
