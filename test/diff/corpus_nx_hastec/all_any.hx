# Nx.all/any (u8; over axes:, keep_axes:; a NaN is nonzero) and reduce_max/min of a
# u8 mask (stays u8, as Nx keeps the type).
defmodule NxhAllAny do
  def al(), do: {Nx.all(Nx.tensor([1, 0, 2])), Nx.all(Nx.tensor([1.0, :nan])), Nx.any(Nx.tensor([0, 0])), Nx.any(Nx.tensor([0.0, -0.5]))}
  def axes(), do: {Nx.all(Nx.tensor([[1, 0], [2, 3]]), axes: [1]), Nx.any(Nx.tensor([[1, 0], [0, 0]]), axes: [0], keep_axes: true)}
  def mx(t), do: {Nx.reduce_max(Nx.greater(t, 2)), Nx.reduce_min(Nx.greater(t, 2), axes: [0])}
end
# CALL: NxhAllAny.al()
# CALL: NxhAllAny.axes()
# CALL: NxhAllAny.mx(Nx.tensor([1, 5, 3, 7]))
