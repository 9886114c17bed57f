# Horizontal fusion of Nx reductions and maps over one tensor
# (ir/FuseHorizontal.cpp): mean(x) and mean(x * x) in one loop (x * x is a
# map over zip(data, data), read once), sum and reduce_max, and two
# element-wise results written by one loop.
defmodule NxhHorizontal do
  def meanvar(x) do
    m = Nx.mean(x)
    v = Nx.subtract(Nx.mean(Nx.multiply(x, x)), Nx.multiply(m, m))
    {m, v}
  end

  def sum_max(x), do: {Nx.sum(x), Nx.reduce_max(x), Nx.reduce_min(x)}

  def two_maps(x), do: {Nx.multiply(x, 2.0), Nx.add(x, 1.0)}

  def large(), do: meanvar(Nx.divide(Nx.iota({100_000}, type: :f64), 1000))
end
# CALL: NxhHorizontal.meanvar(Nx.tensor([1.0, 2.0, 3.0, 4.0], type: :f64))
# CALL: NxhHorizontal.meanvar(Nx.tensor([[1.5, -2.0], [0.25, 8.0]]))
# CALL: NxhHorizontal.sum_max(Nx.tensor([3, -1, 4, 1, -5, 9]))
# CALL: NxhHorizontal.sum_max(Nx.tensor([[0.5, -2.5], [7.0, 1.0]], type: :f64))
# CALL: NxhHorizontal.two_maps(Nx.tensor([1.0, -2.0, 30.0]))
# CALL: NxhHorizontal.large()
