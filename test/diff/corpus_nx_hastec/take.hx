# Nx.take: rows, columns (axis: 1), indices of rank 0 and 2, floats, and an
# index out of bounds (ArgumentError).
defmodule NxTake do
  def t, do: Nx.iota({4, 3})
  def rows, do: Nx.take(t(), Nx.tensor([3, 0, 0]))
  def cols, do: Nx.take(t(), Nx.tensor([2, 1]), axis: 1)
  def two_d, do: Nx.take(t(), Nx.tensor([[1, 2], [3, 0]]))
  def scalar, do: Nx.take(t(), Nx.tensor(2))
  def floats, do: Nx.take(Nx.tensor([1.5, 2.5, 3.5]), Nx.tensor([2, 2, 0]))
  def bad, do: Nx.take(t(), Nx.tensor([1, 4]))
end
# CALL: NxTake.rows()
# CALL: NxTake.cols()
# CALL: NxTake.two_d()
# CALL: NxTake.scalar()
# CALL: NxTake.floats()
# CALL: NxTake.bad()
