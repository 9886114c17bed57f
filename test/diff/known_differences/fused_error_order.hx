# Regression test for a hastec bug (found 2026-11, issue v0): Elixir runs
# `xs |> Enum.map(f) |> Enum.map(g)` one whole pass after the other, so
# when f raises on a late element and g would raise on an early one, the
# error is f's. hastec fuses the maps into one loop and raised g's error
# (FunctionClauseError instead of ArithmeticError).
defmodule BugFusedErrorOrder do
  def order(n) do
    1..n
    |> Enum.map(fn i -> div(100, n - i) end)
    |> Enum.map(&only_small/1)
  end

  def order_filter(n) do
    1..n
    |> Enum.filter(fn i -> div(100, n - i) > 0 end)
    |> Enum.map(&only_small/1)
  end

  def order_count(n) do
    1..n
    |> Enum.map(fn i -> div(100, n - i) end)
    |> Enum.count(fn x -> only_small(x) > 0 end)
  end

  defp only_small(x) when x < 10, do: x
end
# CALL: BugFusedErrorOrder.order(5)
# CALL: BugFusedErrorOrder.order(100)
# CALL: BugFusedErrorOrder.order(100_000)
# CALL: BugFusedErrorOrder.order_filter(100)
# CALL: BugFusedErrorOrder.order_count(100)
