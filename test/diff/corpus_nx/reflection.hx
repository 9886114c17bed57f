# shape, type, rank, size, to_list, to_number, to_flat_list.
defmodule NxReflect do
  def info(t), do: {Nx.shape(t), Nx.type(t), Nx.rank(t), Nx.size(t)}
  def all(), do: [info(Nx.tensor(1)), info(Nx.iota({2, 3, 4})), info(1.0), info(Nx.tensor([1], type: :u8))]
  def shape_tuple(), do: {Nx.shape({1, 2, 3}), Nx.rank({1, 2, 3}), Nx.size({1, 2, 3, 2})}
  def to_list(), do: [Nx.to_list(Nx.iota({2, 3})), Nx.to_list(Nx.tensor([0.1, :nan, :infinity])), Nx.to_list(Nx.iota({2, 1, 2}, type: :f64))]
  def to_number(), do: [Nx.to_number(1), Nx.to_number(Nx.tensor(0.1)), Nx.to_number(Nx.tensor(7, type: :u8)), Nx.to_number(Nx.tensor(:neg_infinity))]
  def to_flat_list(), do: [Nx.to_flat_list(Nx.tensor([[1.0, 2.0], [3.0, 4.0]])), Nx.to_flat_list(Nx.iota({4}), limit: 2)]
  def roundtrip(), do: Nx.iota({2, 2}) |> Nx.to_list() |> Nx.tensor(type: :f32) |> Nx.to_list()
  def number_bad(), do: Nx.to_number(Nx.tensor([1.0, 2.0, 3.0]))
  def list_bad(), do: Nx.to_list(Nx.tensor(123))
end
# CALL: NxReflect.all()
# CALL: NxReflect.shape_tuple()
# CALL: NxReflect.to_list()
# CALL: NxReflect.to_number()
# CALL: NxReflect.to_flat_list()
# CALL: NxReflect.roundtrip()
# CALL: NxReflect.number_bad()
# CALL: NxReflect.list_bad()
