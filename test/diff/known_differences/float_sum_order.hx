# Regression test for hastec bugs (found 2026-11, issue v0): Elixir's
# Enum.sum/1 and Enum.product/1 combine floats strictly left to right.
# hastec reassociated them: above 8192 elements by summing per parallel
# chunk (fsum(8193) printed 9.588312101508432, Elixir 9.588312101508423),
# and, in a later build, even short lists (vectorised partial sums:
# lsum of [1.0e16, 1.0 x 8, -1.0e16] printed 7.0 instead of 0.0).
defmodule BugFloatSumOrder do
  def fsum(n), do: Enum.sum(Enum.map(1..n, fn i -> 1 / i end))
  def fprod(n), do: Enum.product(Enum.map(1..n, fn i -> 1.0 + 1 / (i * 1000) end))
  def fsum_pipe(n), do: 1..n |> Enum.map(fn i -> 1 / (i * i) end) |> Enum.sum()
  def squares(n), do: Enum.sum(Enum.map(1..n, fn i -> (i * 0.001) * (i * 0.001) end))
  @spec lsum([float()]) :: float()
  def lsum(xs), do: Enum.sum(xs)
  @spec lprod([float()]) :: float()
  def lprod(xs), do: Enum.product(xs)
end
# CALL: BugFloatSumOrder.lsum([1.0e16, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, -1.0e16])
# CALL: BugFloatSumOrder.lsum([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7])
# CALL: BugFloatSumOrder.lprod([1.0e200, 1.0e200, 1.0e-200, 1.0e-200, 3.0, 7.0, 1.1, 1.3, 0.7])
# CALL: BugFloatSumOrder.squares(999)
# CALL: BugFloatSumOrder.fsum(1000)
# CALL: BugFloatSumOrder.fsum(8192)
# CALL: BugFloatSumOrder.fsum(8193)
# CALL: BugFloatSumOrder.fsum(100_000)
# CALL: BugFloatSumOrder.fprod(8193)
# CALL: BugFloatSumOrder.fsum_pipe(50_000)
