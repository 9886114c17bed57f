# RUN: %hastec check %s --emit=ir --stop-after=const-fold | FileCheck %s
# A let-bound value that cannot raise (Nx's IEEE tensor arithmetic) moves to
# its only use even when it is not the first thing evaluated there, so both
# operands of the division fuse into its loop: no `let` of a tensor is left.
# A value that may raise (Elixir float division) keeps its place.

defmodule SinkIeee do
  import Nx.Defn

  @spec f(Hx.tensor(:f32, {3}), Hx.tensor(:f32, {3})) :: Hx.tensor(:f32, {3})
  defn f(a, b) do
    t = Nx.exp(a)
    u = Nx.sqrt(b)
    t / u
  end

  @spec g([float()], float()) :: [float()]
  def g(xs, d) do
    ys = Enum.map(xs, fn x -> x / d end)
    zs = Enum.map(xs, fn x -> x * d end)
    Enum.zip_with(ys, zs, fn y, z -> y + z end)
  end
end

# CHECK-LABEL: entry SinkIeee.f/2
# CHECK-NOT: let {{.*}}: Nx.Tensor
# CHECK: zip
# CHECK-LABEL: entry SinkIeee.g/2
# CHECK: let ys%{{[0-9]+}}: [float]
