# Comparisons give u8; logical operators treat non-zero as true; select and
# clip merge types; NaN compares false (and not_equal true).
defmodule NxCompare do
  def equal(), do: [Nx.equal(1, 2), Nx.equal(1, Nx.tensor([1, 2, 3])), Nx.equal(Nx.tensor([1, 2, 3]), Nx.tensor([1, 2, 5]))]
  def equal_float_int(), do: Nx.equal(Nx.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]), Nx.tensor([1, 2, 3]))
  def not_equal(), do: Nx.not_equal(Nx.tensor([1, 1, 2]), Nx.tensor([1, 2, 3]))
  def greater(), do: [Nx.greater(1, 2), Nx.greater(Nx.tensor([1, 2, 3]), Nx.tensor([1, 2, 2]))]
  def less(), do: [Nx.less(1, 2), Nx.less(1, Nx.tensor([1, 2, 3]))]
  def less_matrix(), do: Nx.less(Nx.tensor([[1.0, 2.0, 3.0], [4.0, 2.0, 1.0]]), Nx.tensor([1, 2, 3]))
  def ge_le(), do: [Nx.greater_equal(Nx.tensor([1, 2, 3]), 2), Nx.less_equal(Nx.tensor([1, 2, 3]), 2)]
  def nan_compare(), do: [Nx.equal(Nx.tensor([:nan, 1.0]), Nx.tensor([:nan, 1.0])), Nx.not_equal(Nx.tensor(:nan), Nx.tensor(:nan)), Nx.greater(Nx.tensor([:infinity, :nan]), 1.0e30)]
  def logical(), do: [Nx.logical_and(1, Nx.tensor([-1, 0, 1])), Nx.logical_or(0, Nx.tensor([-1, 0, 1])), Nx.logical_not(Nx.tensor([-1.0, 0.0, 1.0]))]
  def logical_matrix(), do: Nx.logical_and(Nx.tensor([-1, 0, 1]), Nx.tensor([[-1], [0], [1]]))
  def select_scalar(), do: [Nx.select(1, Nx.tensor([1, 2, 3]), Nx.tensor([4, 5, 6])), Nx.select(0, Nx.tensor([1, 2, 3]), Nx.tensor([4, 5, 6]))]
  def select_tensor(), do: Nx.select(Nx.tensor([0, 1, 0]), Nx.tensor([1, 2, 3]), Nx.tensor([4, 5, 6]))
  def select_greater(), do: Nx.select(Nx.greater(Nx.tensor([2, 4, 6]), Nx.tensor([3, 2, 1])), Nx.tensor([2, 4, 6]), Nx.tensor([1, 3, 5]))
  def select_broadcast(), do: Nx.select(Nx.tensor([[1, 0], [0, 1]]), 7, Nx.tensor([1.5, 2.5]))
  def select_nonzero(), do: Nx.select(Nx.tensor([0, 1, 2], type: :u8), Nx.tensor([0, 0, 0]), Nx.tensor([1, 1, 1]))
  def select_types(), do: Nx.select(Nx.tensor([0, 1, 0]), Nx.tensor([1, 1, 1]), Nx.tensor([2.0, 2.0, 2.0]))
  def clip(), do: Nx.clip(Nx.tensor([[1, 2, 3], [4, 5, 6]]), 2, 4)
  def clip_float(), do: Nx.clip(Nx.tensor([[1, 2, 3], [4, 5, 6]]), 2.0, 3)
  def clip_tensors(), do: Nx.clip(Nx.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]), Nx.tensor(2.0), Nx.max(1.0, 3.0))
  def clip_f64(), do: Nx.clip(Nx.tensor([-1.5, 0.25, 9.0], type: :f64), -1, 1)
  def clip_nan(), do: Nx.clip(Nx.tensor([:nan, :infinity, :neg_infinity]), -1.0, 1.0)
  def clip_bad(), do: Nx.clip(Nx.tensor([1, 2]), Nx.tensor([0, 0]), 1)
end
# CALL: NxCompare.equal()
# CALL: NxCompare.equal_float_int()
# CALL: NxCompare.not_equal()
# CALL: NxCompare.greater()
# CALL: NxCompare.less()
# CALL: NxCompare.less_matrix()
# CALL: NxCompare.ge_le()
# CALL: NxCompare.nan_compare()
# CALL: NxCompare.logical()
# CALL: NxCompare.logical_matrix()
# CALL: NxCompare.select_scalar()
# CALL: NxCompare.select_tensor()
# CALL: NxCompare.select_greater()
# CALL: NxCompare.select_broadcast()
# CALL: NxCompare.select_nonzero()
# CALL: NxCompare.select_types()
# CALL: NxCompare.clip()
# CALL: NxCompare.clip_float()
# CALL: NxCompare.clip_tensors()
# CALL: NxCompare.clip_f64()
# CALL: NxCompare.clip_nan()
# CALL: NxCompare.clip_bad()
