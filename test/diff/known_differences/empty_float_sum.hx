# Regression test for a hastec bug (found 2026-11, issue v0): Elixir's
# Enum.sum/1 and Enum.product/1 of an empty list are the integers 0 and 1
# whatever the list's element type; hastec printed 0.0 and 1.0 for an
# (emptied) list of floats.
defmodule BugEmptyFloatSum do
  def sum(xs), do: Enum.sum(Enum.filter(xs, fn x -> x > 10.0 end))
  def product(xs), do: Enum.product(Enum.filter(xs, fn x -> x > 10.0 end))
  @spec sum_spec([float()]) :: float()
  def sum_spec(xs), do: Enum.sum(xs)
end
# CALL: BugEmptyFloatSum.sum([1.0, 2.0])
# CALL: BugEmptyFloatSum.product([1.0, 2.0])
# CALL: BugEmptyFloatSum.sum([11.0, 12.5])
# CALL: BugEmptyFloatSum.sum_spec([])
