# Calls for run_diff_batch.hx: results, a raise between them, and a
# function without @spec called with two argument types.
# CALL: RdBatch.sum(4)
# CALL: RdBatch.ratio([4, 2, 0])
# CALL: RdBatch.twice(3)
# CALL: RdBatch.twice(1.5)
# CALL: elem({RdBatch.sum(2), 0}, 0)
# CALL: RdBatch.ratio([4, 200])
defmodule RdBatch do
  @spec sum(integer()) :: integer()
  def sum(n), do: Enum.sum(1..n)

  @spec ratio([integer()]) :: [integer()]
  def ratio(xs), do: Enum.map(xs, fn x -> div(100, x) end)

  def twice(x), do: x * 2
end
