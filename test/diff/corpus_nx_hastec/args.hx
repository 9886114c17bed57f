# Entry arguments: Nx.tensor literals of ranks 0-4 and every type spelling
# given by `# CALL:` lines, numbers next to tensors, several tensor
# arguments of different types, the same function at several shapes.
defmodule NxhArgs do
  def id(t), do: t
  def twice(t), do: Nx.add(t, t)
  def info(t), do: {Nx.size(t), Nx.rank(t), Nx.sum(t)}
  def three(a, b, c), do: Nx.add(Nx.multiply(a, b), c)
  def num_first(k, t), do: Nx.multiply(k, t)
end
# CALL: NxhArgs.id(Nx.tensor(3))
# CALL: NxhArgs.id(Nx.tensor(-2.5))
# CALL: NxhArgs.id(Nx.tensor(7, type: :s64))
# CALL: NxhArgs.id(Nx.tensor(0.1, type: :f64))
# CALL: NxhArgs.id(Nx.tensor([1, 2, 3], type: {:s, 32}))
# CALL: NxhArgs.id(Nx.tensor([1, 2, 3], type: {:f, 64}))
# CALL: NxhArgs.id(Nx.tensor([[1.5, 2.5]], type: {:f, 32}))
# CALL: NxhArgs.id(Nx.tensor([[[1], [2]], [[3], [4]]], type: :s64))
# CALL: NxhArgs.id(Nx.tensor([[[[0.5, 1.5]]]], type: :f64))
# CALL: NxhArgs.id(Nx.tensor([1, 2.5]))
# CALL: NxhArgs.id(Nx.tensor([0.1, 0.7, 1.0e-3]))
# CALL: NxhArgs.id(Nx.tensor([-0.0, :nan, :infinity]))
# CALL: NxhArgs.twice(Nx.tensor([1, 2]))
# CALL: NxhArgs.twice(Nx.tensor([[1, 2], [3, 4]]))
# CALL: NxhArgs.twice(Nx.tensor([[[1.5]]], type: :f64))
# CALL: NxhArgs.twice(Nx.tensor(4, type: :s64))
# CALL: NxhArgs.info(Nx.tensor([[1, 2, 3], [4, 5, 6]]))
# CALL: NxhArgs.info(Nx.tensor(2.5))
# CALL: NxhArgs.info(Nx.tensor([[[1]], [[2]]], type: :s64))
# CALL: NxhArgs.three(Nx.tensor([1, 2]), Nx.tensor([0.5, 1.5], type: :f64), Nx.tensor([10], type: :s64))
# CALL: NxhArgs.three(Nx.tensor([[1], [2]]), Nx.tensor([1, 2, 3]), 1)
# CALL: NxhArgs.three(2, 3, Nx.tensor([1.5]))
# CALL: NxhArgs.num_first(2, Nx.tensor([1, 2]))
# CALL: NxhArgs.num_first(0.5, Nx.tensor([1, 2], type: :s64))
# CALL: NxhArgs.num_first(3, Nx.tensor([0.5], type: :f64))
