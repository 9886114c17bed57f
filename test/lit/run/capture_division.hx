#
# RUN: %hastec run %s -e 'CapDiv.halves(4)' | FileCheck %s
# &(&1 / 2) is an anonymous function dividing by 2 (in Elixir's AST, `/`
# applied to &1 and 2), not a capture of a function named by name/arity.
# (Fixed; this was a bug: Sema's make_capture takes any `&(a / INT)` for &name/arity and
# rejects it: "expected &name/arity or &Module.name/arity".

defmodule CapDiv do
  @spec halves(integer()) :: [float()]
  def halves(n), do: Enum.map(1..n, &(&1 / 2))
end

# CHECK: {{^}}[0.5, 1.0, 1.5, 2.0]{{$}}
