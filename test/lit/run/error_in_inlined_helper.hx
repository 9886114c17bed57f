#
# RUN: not %hastec run -O0 %s -e 'InlErr.f(3)' 2>&1 | FileCheck --strict-whitespace %s
# RUN: not %hastec run -O2 %s -e 'InlErr.f(3)' 2>&1 | FileCheck --strict-whitespace %s
# An error raised in a helper names the helper, as Elixir's stack trace
# does ("inl.exs:LINE: InlErr.safe/1"), at every optimisation level.
# (Fixed: inlined nodes keep their origin function, so at -O1 and above
# the message still names the helper, not the caller that absorbed it.)
#

defmodule InlErr do
  @spec f(integer()) :: integer()
  def f(n), do: Enum.map(1..n, &safe/1) |> Enum.sum()

  defp safe(x), do: div(100, x - 2)
end

# CHECK:      {{^}}** (ArithmeticError) bad argument in arithmetic expression{{$}}
# CHECK-NEXT: {{^}}    {{.*}}error_in_inlined_helper.hx:14: InlErr.safe/1{{$}}
