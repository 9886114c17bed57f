# RUN: env HX_PROGRESS=0 HX_REPORT_LIVE=1 %hastec run %s -e 'FitLeak.a()' 2>&1 | FileCheck %s
# RUN: env HX_PROGRESS=0 HX_REPORT_LIVE=1 %hastec run %s -e 'FitLeak.b()' 2>&1 | FileCheck %s --check-prefix=TWICE
# Each Hx.Loop.run call left one array per parameter tensor allocated (1
# here, 4 for a 4-tensor model) when the function went on to build a tuple
# ({1, float}); returning only the float leaked nothing. The fit loop's
# expansion is a block ending in `{p, hist, e} = epochs(..); p`: the code
# generator did not count "a part of a tuple bound in the same block" as a
# fresh tuple (builds_tuple in codegen/LLVMCodegen.cpp), so the block kept
# the parameters' data (its result held it) while `p = ` took it as
# borrowed. Reduced: test/lit/regress/let_chain_tuple_owner.hx.
# The second run calls the loop twice in one entry point.

defmodule FitLeak do
  import Nx.Defn
  defn model(w, x), do: Nx.dot(x, w)
  defn mse(y, p), do: Nx.mean((y - p) * (y - p))

  def a do
    x = Nx.iota({8, 2}, type: :f32)
    y = Nx.iota({8, 1}, type: :f32)
    p = Hx.Loop.trainer(&model/2, &mse/2, Polaris.Optimizers.sgd(learning_rate: 0.001))
        |> Hx.Loop.run({x, y}, Nx.broadcast(0.0, {2, 1}), epochs: 2, batch_size: 4, shuffle: false)
    {1, Nx.to_number(Nx.sum(p))}
  end

  # four parameter tensors, trained twice in one call, with a validation
  # split and early stopping (the loop keeps the best parameters too)
  defn mlp(p, x), do: Nx.dot(Nx.tanh(Nx.dot(x, p.w1) + p.b1), p.w2) + p.b2

  def fit(x, y) do
    p0 = %{w1: Nx.broadcast(0.1, {2, 3}), b1: Nx.broadcast(0.0, {3}), w2: Nx.broadcast(0.1, {3, 1}),
           b2: Nx.broadcast(0.0, {1})}
    Hx.Loop.trainer(&mlp/2, &mse/2, Polaris.Optimizers.adam(learning_rate: 0.01))
    |> Hx.Loop.run({x, y}, p0, epochs: 3, batch_size: 2, shuffle: false, validation_split: 0.25, patience: 1)
  end

  def b do
    x = Nx.divide(Nx.iota({8, 2}, type: :f32), 16.0)
    y = Nx.divide(Nx.iota({8, 1}, type: :f32), 8.0)
    p = fit(x, y)
    q = fit(x, y)
    {2, Nx.to_number(Nx.add(Nx.sum(p.w1), Nx.sum(q.b2)))}
  end
end

# CHECK: {{^}}{1, {{.*}}}{{$}}
# CHECK: hx-run: 0 arrays live
# TWICE: {{^}}{2, {{.*}}}{{$}}
# TWICE: hx-run: 0 arrays live
