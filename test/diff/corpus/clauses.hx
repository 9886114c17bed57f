# Multi-clause functions: literal, variable and _ patterns, when guards.
defmodule Clauses do
  def describe(0), do: 0
  def describe(1), do: 10
  def describe(n) when n < 0, do: -1
  def describe(n) when n > 100, do: 100
  def describe(_), do: 50

  def both(0, 0), do: 0
  def both(0, _), do: 1
  def both(_, 0), do: 2
  def both(a, b) when a == b, do: 3
  def both(_a, _b), do: 4

  def flag(true), do: 1
  def flag(false), do: 0

  def fl(0.5), do: 1
  def fl(x) when x > 1.0, do: 2
  def fl(_), do: 3

  def neg_lit(-1), do: true
  def neg_lit(_), do: false

  def guard_ops(x) when rem(x, 2) == 0 and x > 10, do: 1
  def guard_ops(x) when rem(x, 3) == 0 or x < -10, do: 2
  def guard_ops(x) when abs(x) == 5, do: 3
  def guard_ops(x) when not (x > 0), do: 4
  def guard_ops(_), do: 5

  def block_clause(x) when x > 0 do
    y = x * 2
    y + 1
  end

  def block_clause(x) do
    x - 1
  end
end
# CALL: Clauses.describe(0)
# CALL: Clauses.describe(1)
# CALL: Clauses.describe(-3)
# CALL: Clauses.describe(1000)
# CALL: Clauses.describe(7)
# CALL: Clauses.both(0, 0)
# CALL: Clauses.both(0, 9)
# CALL: Clauses.both(9, 0)
# CALL: Clauses.both(4, 4)
# CALL: Clauses.both(4, 5)
# CALL: Clauses.flag(true)
# CALL: Clauses.flag(false)
# CALL: Clauses.fl(0.5)
# CALL: Clauses.fl(2.5)
# CALL: Clauses.fl(0.75)
# CALL: Clauses.neg_lit(-1)
# CALL: Clauses.neg_lit(1)
# CALL: Clauses.guard_ops(12)
# CALL: Clauses.guard_ops(8)
# CALL: Clauses.guard_ops(9)
# CALL: Clauses.guard_ops(-11)
# CALL: Clauses.guard_ops(5)
# CALL: Clauses.guard_ops(-5)
# CALL: Clauses.guard_ops(-7)
# CALL: Clauses.guard_ops(7)
# CALL: Clauses.block_clause(5)
# CALL: Clauses.block_clause(-5)
