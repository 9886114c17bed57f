# Nx.shape of every rank ({} and {n} too), and Nx.shape/Nx.type where Nx
# takes a shape or a type (hastec knows both at compile time).
defmodule NxhShapeType do
  import Nx.Defn
  def shapes(), do: {Nx.shape(Nx.tensor(1)), Nx.shape(Nx.iota({3})), Nx.shape(Nx.iota({2, 3})), Nx.shape(Nx.tensor(2.5))}
  def rank1(t), do: Nx.shape(t)
  def like_shape(t, u), do: Nx.reshape(t, Nx.shape(u))
  def bcast(t, u), do: Nx.broadcast(t, Nx.shape(u))
  def zeros_like(u), do: Nx.iota(Nx.shape(u), type: Nx.type(u))
  defn cast_like(t, u), do: Nx.as_type(t, Nx.type(u)) + u
  def lit_like(u), do: Nx.tensor([1, 2, 3], type: Nx.type(u))
  def eye_like(u), do: Nx.eye(Nx.shape(u))
end
# CALL: NxhShapeType.shapes()
# CALL: NxhShapeType.rank1(Nx.iota({7}))
# CALL: NxhShapeType.like_shape(Nx.iota({2, 3}), Nx.iota({3, 2}))
# CALL: NxhShapeType.like_shape(Nx.iota({6}), Nx.iota({1, 6}))
# CALL: NxhShapeType.bcast(Nx.tensor([1.5, 2.5]), Nx.iota({3, 2}))
# CALL: NxhShapeType.zeros_like(Nx.tensor([[1.0, 2.0]], type: :f64))
# CALL: NxhShapeType.zeros_like(Nx.tensor([250, 3], type: :u8))
# CALL: NxhShapeType.cast_like(Nx.tensor([1.7, -2.2]), Nx.tensor([10, 20], type: :s16))
# CALL: NxhShapeType.lit_like(Nx.tensor([1.0], type: :f64))
# CALL: NxhShapeType.lit_like(Nx.tensor([1], type: :s8))
# CALL: NxhShapeType.eye_like(Nx.iota({2, 2}))
