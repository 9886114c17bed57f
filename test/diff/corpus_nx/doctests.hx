# Nx 0.9 doctests copied verbatim (the expression and, in doctests.out, the
# documented result written by hand from the Nx source, not generated).
defmodule NxDoctests do
  def floats(), do: Nx.tensor([1.2, 2.3, 3.4, 4.5])
  def add_float(), do: Nx.add(1, 2.2)
  def divide_matrix(), do: Nx.divide(Nx.tensor([[1], [2]], type: :f32), Nx.tensor([[10, 20]], type: :f32))
  def iota_axis(), do: Nx.iota({3, 3}, axis: -1)
  def sum_keep(), do: Nx.sum(Nx.tensor([[1, 2], [3, 4]]), axes: [0], keep_axes: true)
  def std_ddof(), do: Nx.standard_deviation(Nx.tensor([[1, 2], [10, 20]]), axes: [0], ddof: 1)
  def logsumexp_y(), do: Nx.logsumexp(Nx.tensor([[1, 2], [3, 4], [5, 6]]), axes: [1])
  def uniform_1701(), do: Nx.Random.uniform_split(Nx.Random.key(1701))
  def u8_minus_one(), do: Nx.add(Nx.tensor([0, 1, 2], type: :u8), -1)
  def as_type_nonfinite(), do: Nx.as_type(Nx.tensor([:infinity, :nan, :neg_infinity]), :s32)
end
# CALL: NxDoctests.floats()
# CALL: NxDoctests.add_float()
# CALL: NxDoctests.divide_matrix()
# CALL: NxDoctests.iota_axis()
# CALL: NxDoctests.sum_keep()
# CALL: NxDoctests.std_ddof()
# CALL: NxDoctests.logsumexp_y()
# CALL: NxDoctests.uniform_1701()
# CALL: NxDoctests.u8_minus_one()
# CALL: NxDoctests.as_type_nonfinite()
