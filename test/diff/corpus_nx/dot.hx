# dot/2, dot/4 and outer. The binary backend multiplies and accumulates in
# f64 (or exact integers) along the contracted axes and rounds once.
defmodule NxDot do
  def scalars(), do: [Nx.dot(5, 5), Nx.dot(-2.0, 5.0), Nx.dot(2, 2.0)]
  def vectors(), do: [Nx.dot(Nx.tensor([1, 2, 3]), Nx.tensor([4, 5, 6])), Nx.dot(Nx.tensor([2.0, 4.0, 3.0, 5.0]), Nx.tensor([1.0, 2.0, 3.0, 4.0])), Nx.dot(Nx.tensor([1.0, 2.0, 3.0]), Nx.tensor([1, 2, 3]))]
  def matrices(), do: Nx.dot(Nx.tensor([[1, 2, 3], [4, 5, 6]]), Nx.tensor([[7, 8], [9, 10], [11, 12]]))
  def matrices_f32(), do: Nx.dot(Nx.tensor([[10.0, 13.0, 14.0, 15.0], [59.0, 20.0, 10.0, 30.0]]), Nx.tensor([[2.0, 4.0], [5.0, 1.0], [6.0, 8.0], [9.0, 10.0]]))
  def mixed(), do: Nx.dot(Nx.tensor([[1, 2, 3], [4, 5, 6]]), Nx.tensor([[7.0, 8.0], [9.0, 10.0], [11.0, 12.0]]))
  def rank3_vector(), do: Nx.dot(Nx.tensor([[[1, 2], [3, 4]], [[5, 6], [7, 8]]]), Nx.tensor([5, 10]))
  def vector_matrix(), do: Nx.dot(Nx.tensor([5, 10]), Nx.tensor([[1, 2, 3], [4, 5, 6]]))
  def rank3_rank3(), do: Nx.dot(Nx.tensor([[[1, 2, 3], [4, 5, 6], [7, 8, 9]], [[1, 2, 3], [4, 5, 6], [7, 8, 9]]]), Nx.tensor([[[1, 2, 3], [3, 4, 5], [5, 6, 7]]]))
  def rank4_vector(), do: Nx.dot(Nx.tensor([[[[1.0, 2.0], [3.0, 4.0]], [[5.0, 6.0], [7.0, 8.0]]]]), Nx.tensor([2.0, 2.0]))
  def dot4(), do: [Nx.dot(Nx.tensor([[1, 2], [3, 4]]), [0], Nx.tensor([[10, 20], [30, 40]]), [0]), Nx.dot(Nx.tensor([[1, 2], [3, 4]]), [1], Nx.tensor([[10, 20], [30, 40]]), [1])]
  def dot4_two_axes(), do: Nx.dot(Nx.tensor([[0.0, 1.0, 2.0], [3.0, 4.0, 5.0]]), [0, 1], Nx.tensor([[0.0, 1.0], [2.0, 3.0], [4.0, 5.0]]), [1, 0])
  def dot4_outer(), do: Nx.dot(Nx.tensor([[1, 2], [3, 4]]), [], Nx.tensor([[10, 20], [30, 40]]), [])
  def dot_f32_rounding(), do: Nx.dot(Nx.tensor([0.1, 0.2, 0.3]), Nx.tensor([0.1, 0.2, 0.3]))
  def dot_f64(), do: Nx.dot(Nx.tensor([0.1, 0.2, 0.3], type: :f64), Nx.tensor([0.1, 0.2, 0.3], type: :f64))
  def dot_wrap(), do: Nx.dot(Nx.tensor([65536, 65536]), Nx.tensor([32768, 32768]))
  def matmul_iota(), do: Nx.dot(Nx.iota({3, 4}, type: :f32), Nx.iota({4, 2}, type: :f32))
  def outer(), do: [Nx.outer(Nx.tensor([1, 2, 3]), 100), Nx.outer(Nx.tensor([1, 2, 3]), Nx.tensor([10, 20]))]
  def outer_matrix(), do: Nx.outer(Nx.tensor([[1, 2], [3, 4]]), Nx.tensor([10, 20, 30]))
  def outer_float(), do: Nx.outer(Nx.tensor([0.5, 1.5]), Nx.tensor([2, 3]))
  def mismatch(), do: Nx.dot(Nx.tensor([1, 2, 3]), Nx.tensor([1, 2]))
end
# CALL: NxDot.scalars()
# CALL: NxDot.vectors()
# CALL: NxDot.matrices()
# CALL: NxDot.matrices_f32()
# CALL: NxDot.mixed()
# CALL: NxDot.rank3_vector()
# CALL: NxDot.vector_matrix()
# CALL: NxDot.rank3_rank3()
# CALL: NxDot.rank4_vector()
# CALL: NxDot.dot4()
# CALL: NxDot.dot4_two_axes()
# CALL: NxDot.dot4_outer()
# CALL: NxDot.dot_f32_rounding()
# CALL: NxDot.dot_f64()
# CALL: NxDot.dot_wrap()
# CALL: NxDot.matmul_iota()
# CALL: NxDot.outer()
# CALL: NxDot.outer_matrix()
# CALL: NxDot.outer_float()
# CALL: NxDot.mismatch()
