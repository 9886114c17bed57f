# Nx.dot/2 of any rank, dot/4 (contraction axes), dot/6 (batch axes) and
# outer: transposes and reshapes into the runtime's GEMM, one product per
# batch element. f32 products accumulate in f32 (the shim: f64, rounded once).
defmodule NxhDot do
  import Nx.Defn

  def rank3_vector(), do: Nx.dot(Nx.tensor([[[1, 2], [3, 4]], [[5, 6], [7, 8]]]), Nx.tensor([5, 10]))
  def vector_rank3(), do: Nx.dot(Nx.tensor([1.0, -1.0]), Nx.iota({2, 2, 3}, type: :f32))
  def rank3_rank3(), do: Nx.dot(Nx.tensor([[[1, 2, 3], [4, 5, 6], [7, 8, 9]], [[1, 2, 3], [4, 5, 6], [7, 8, 9]]]), Nx.tensor([[[1, 2, 3], [3, 4, 5], [5, 6, 7]]]))
  def rank4_vector(), do: Nx.dot(Nx.tensor([[[[1.0, 2.0], [3.0, 4.0]], [[5.0, 6.0], [7.0, 8.0]]]]), Nx.tensor([2.0, 2.0]))
  def dot4_first(), do: Nx.dot(Nx.tensor([[1, 2], [3, 4]]), [0], Nx.tensor([[10, 20], [30, 40]]), [0])
  def dot4_last(), do: Nx.dot(Nx.tensor([[1, 2], [3, 4]]), [1], Nx.tensor([[10, 20], [30, 40]]), [1])
  def dot4_two_axes(), do: Nx.dot(Nx.tensor([[0.0, 1.0, 2.0], [3.0, 4.0, 5.0]]), [0, 1], Nx.tensor([[0.0, 1.0], [2.0, 3.0], [4.0, 5.0]]), [1, 0])
  def dot4_outer(), do: Nx.dot(Nx.tensor([[1, 2], [3, 4]]), [], Nx.tensor([[10, 20], [30, 40]]), [])
  def dot4_negative(), do: Nx.dot(Nx.iota({2, 3, 4}, type: :f32), [-1, 1], Nx.iota({4, 3}, type: :f32), [0, 1])
  def dot4_mixed(), do: Nx.dot(Nx.iota({3, 2}), [0], Nx.tensor([0.5, 1.5, 2.5], type: :f64), [0])
  def dot6_batched(), do: Nx.dot(Nx.iota({3, 2, 4}, type: :f32), [2], [0], Nx.iota({3, 4, 2}, type: :f32), [1], [0])
  def dot6_batch_last(), do: Nx.dot(Nx.iota({2, 3}), [0], [1], Nx.iota({2, 3}), [0], [1])
  def outer_number(), do: Nx.outer(Nx.tensor([1, 2, 3]), 100)
  def outer_matrix(), do: Nx.outer(Nx.tensor([[1, 2], [3, 4]]), Nx.tensor([10, 20, 30]))
  defn attention(q, k), do: Nx.dot(q, [2], [0], k, [2], [0]) |> Nx.exp() |> Nx.sum(axes: [2])
  def attention_scores(), do: attention(Nx.divide(Nx.iota({2, 3, 4}, type: :f32), 24.0), Nx.divide(Nx.iota({2, 5, 4}, type: :f32), 40.0))
end
# CALL: NxhDot.rank3_vector()
# CALL: NxhDot.vector_rank3()
# CALL: NxhDot.rank3_rank3()
# CALL: NxhDot.rank4_vector()
# CALL: NxhDot.dot4_first()
# CALL: NxhDot.dot4_last()
# CALL: NxhDot.dot4_two_axes()
# CALL: NxhDot.dot4_outer()
# CALL: NxhDot.dot4_negative()
# CALL: NxhDot.dot4_mixed()
# CALL: NxhDot.dot6_batched()
# CALL: NxhDot.dot6_batch_last()
# CALL: NxhDot.outer_number()
# CALL: NxhDot.outer_matrix()
# CALL: NxhDot.attention_scores()
