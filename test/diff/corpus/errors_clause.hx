# No matching function clause: ** (FunctionClauseError) no function clause
# matching in M.f/N.
defmodule ErrorsClause do
  def fact(0), do: 1
  def fact(n) when n > 0, do: n * fact(n - 1)

  def pos(x) when x > 0, do: x

  def two(1, y), do: y
  def two(x, 2), do: x

  def via_private(x), do: priv(x)
  defp priv(x) when x < 10, do: x

  def in_map(xs), do: Enum.map(xs, &pos/1)

  def flag(true), do: 1

  def fl(1.5), do: 1

  def anon(xs), do: Enum.map(xs, fn 0 -> 1 end)

  def anon_guard(xs) do
    Enum.map(xs, fn
      x when x > 0 -> x
      x when x < -5 -> -x
    end)
  end
end

defmodule ErrorsClause.Other do
  def call(x), do: ErrorsClause.pos(x)
end
# CALL: ErrorsClause.fact(5)
# CALL: ErrorsClause.fact(-1)
# CALL: ErrorsClause.pos(3)
# CALL: ErrorsClause.pos(0)
# CALL: ErrorsClause.pos(-2.5)
# CALL: ErrorsClause.two(1, 5)
# CALL: ErrorsClause.two(7, 2)
# CALL: ErrorsClause.two(7, 3)
# CALL: ErrorsClause.via_private(3)
# CALL: ErrorsClause.via_private(30)
# CALL: ErrorsClause.in_map([1, 2])
# CALL: ErrorsClause.in_map([1, -2])
# CALL: ErrorsClause.flag(false)
# CALL: ErrorsClause.fl(2.5)
# CALL: ErrorsClause.Other.call(-1)
# CALL: ErrorsClause.anon([0, 0])
# CALL: ErrorsClause.anon([0, 1])
# CALL: ErrorsClause.anon_guard([1, -6])
# CALL: ErrorsClause.anon_guard([1, -2])
