# Nx.slice with start indices known only at run time (mini-batches): Nx
# clamps them so the slice fits; strides; starts from a defn argument.
defmodule NxSliceDyn do
  import Nx.Defn
  def x, do: Nx.iota({10, 3})
  def batch(i), do: Nx.slice(x(), [i * 4, 0], [4, 3])
  def col(j), do: Nx.slice(x(), [2, j], [3, 1], strides: [2, 1])
  defn sum_batch(t, i), do: Nx.sum(Nx.slice(t, [i, 1], [2, 2]))
  def batches(n), do: Enum.map(0..(n - 1), fn i -> Nx.to_number(Nx.sum(batch(i))) end)
  def s(i), do: sum_batch(x(), i)
end
# CALL: NxSliceDyn.batch(1)
# CALL: NxSliceDyn.batch(2)
# CALL: NxSliceDyn.batch(9)
# CALL: NxSliceDyn.col(1)
# CALL: NxSliceDyn.col(7)
# CALL: NxSliceDyn.batches(3)
# CALL: NxSliceDyn.s(8)
# CALL: NxSliceDyn.s(-3)
# CALL: NxSliceDyn.s(2)
