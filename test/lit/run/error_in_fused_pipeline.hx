# RUN: not %hastec run %s -e 'Fused.f(5)' 2>&1 | FileCheck --strict-whitespace %s
# RUN: not %hastec run -O0 %s -e 'Fused.f(5)' 2>&1 | FileCheck --strict-whitespace %s
# An error inside a lambda of a fused map chain reports the lambda's line.

defmodule Fused do
  @spec f(integer()) :: integer()
  def f(n) do
    1..n
    |> Enum.map(fn x -> x - 3 end)
    |> Enum.map(fn x -> div(100, x) end)
    |> Enum.sum()
  end
end

# CHECK:      {{^}}** (ArithmeticError) bad argument in arithmetic expression{{$}}
# CHECK-NEXT: {{^}}    {{.*}}error_in_fused_pipeline.hx:10: Fused.f/1{{$}}
