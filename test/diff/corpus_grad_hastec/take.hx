# The gradient of Nx.take: slices of the incoming gradient added back where
# the indices point (a row taken twice gets both), along axis 0 and 1.
defmodule GradTake do
  import Nx.Defn
  defn f(x), do: grad(x, fn x -> Nx.sum(Nx.take(x, Nx.tensor([2, 0, 2])) * Nx.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])) end)
  defn h(x), do: grad(x, fn x -> Nx.sum(Nx.exp(Nx.take(x, Nx.tensor([[1, 1], [0, 1]]), axis: 1))) end)
  def a, do: f(Nx.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]))
  def b, do: h(Nx.tensor([[0.5, -1.0, 2.0], [0.0, 1.0, 0.25]]))
end
# CALL: GradTake.a()
# CALL: GradTake.b()
