# Nx.floor/ceil/round/sign: the same type; integers are already whole; round is
# half away from zero; sign of a zero or NaN is itself; zero gradient (Nx's rule).
defmodule NxhRounding do
  import Nx.Defn
  def fl(), do: Nx.floor(Nx.tensor([1.5, -1.5, 2.0, -0.0, :infinity, :nan]))
  def ce(), do: Nx.ceil(Nx.tensor([1.5, -1.5, 2.0, -0.25]))
  def ro(), do: Nx.round(Nx.tensor([1.5, -1.5, 2.5, -2.5, 0.49999997, 1.0e9], type: :f64))
  def si(), do: Nx.sign(Nx.tensor([-2.5, 0.0, -0.0, 3.0, :nan, :neg_infinity]))
  def ints(), do: {Nx.floor(Nx.iota({3})), Nx.round(Nx.tensor([-3, 4])), Nx.sign(Nx.tensor([-3, 0, 4]))}
  defn g(x), do: grad(x, fn x -> Nx.sum(Nx.floor(x) * x + Nx.sign(x)) end)
  def gr(), do: g(Nx.tensor([1.5, -2.5]))
end
# CALL: NxhRounding.fl()
# CALL: NxhRounding.ce()
# CALL: NxhRounding.ro()
# CALL: NxhRounding.si()
# CALL: NxhRounding.ints()
# CALL: NxhRounding.gr()
