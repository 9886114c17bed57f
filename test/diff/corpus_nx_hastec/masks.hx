# Nx.axis_size (an integer), Nx.flatten, and the masks Nx.is_nan/is_infinity
# (u8; false for integer tensors), used with select inside defn.
defmodule NxhMasks do
  import Nx.Defn
  def a(), do: Nx.axis_size(Nx.iota({3, 4}), 1)
  def b(), do: Nx.flatten(Nx.iota({2, 2}))
  def e(), do: Nx.is_nan(Nx.tensor([1.0, :nan, :infinity]))
  def f(), do: Nx.is_infinity(Nx.tensor([1.0, :nan, :infinity, :neg_infinity]))
  def g(), do: Nx.is_nan(Nx.iota({2}))
  defn masked(x), do: Nx.select(Nx.is_nan(x), 0.0, x) |> Nx.sum()
  def h(), do: masked(Nx.divide(Nx.tensor([1.0, 0.0, 2.0]), Nx.tensor([1.0, 0.0, 4.0])))
  def i(), do: Nx.axis_size(Nx.iota({3, 4}), -1)
end
# CALL: NxhMasks.a()
# CALL: NxhMasks.b()
# CALL: NxhMasks.e()
# CALL: NxhMasks.f()
# CALL: NxhMasks.g()
# CALL: NxhMasks.h()
# CALL: NxhMasks.i()
