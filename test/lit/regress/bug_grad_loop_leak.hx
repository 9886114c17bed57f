# RUN: env HX_REPORT_LIVE=1 %hastec run %s -e 'GLeak.train(20)' 2>&1 | FileCheck %s
#
# A gradient-descent loop over a map of tensors leaked two arrays per step:
# tuples nested in tuples (a tensor in a map) lost their lists' ownership in
# tuple literals, in `elem` of fresh tuples and in the loop's parameter
# slots (now one slot per list at any depth). Found with HX_REPORT_LIVE.

defmodule GLeak do
  import Nx.Defn

  defn gd(p, x) do
    {l, g} = value_and_grad(p, fn p -> Nx.sum(Nx.exp(Nx.dot(x, p.w) + p.b)) end)
    {%{w: p.w - 0.01 * g.w, b: p.b - 0.01 * g.b}, l}
  end

  def t(p, _x, 0), do: p

  def t(p, x, n) do
    {p, _l} = gd(p, x)
    t(p, x, n - 1)
  end

  def train(n), do: t(%{w: Nx.tensor([0.1, 0.2]), b: Nx.tensor(0.0)}, Nx.tensor([[1.0, 2.0], [3.0, 4.0]]), n)
end

# CHECK: hx-run: 0 arrays live
