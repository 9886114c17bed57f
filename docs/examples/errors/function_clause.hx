# CALL: Clause.half(3)
# RAISES: ** (FunctionClauseError) no function clause matching in Clause.half/1
# CALL: Clause.halves([2, 4, 5])
# RAISES: ** (FunctionClauseError) no function clause matching in anonymous fn/1 in Clause.halves/1
defmodule Clause do
  def half(n) when rem(n, 2) == 0, do: div(n, 2)

  def halves(xs), do: Enum.map(xs, fn n when rem(n, 2) == 0 -> div(n, 2) end)
end
