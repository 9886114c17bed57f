# The digits MLP's training step (64-128-10, batch 32, softmax cross-entropy,
# plain gradient descent) on a fixed synthetic batch, n steps in a loop:
# what one epoch of the digits benchmark costs per step (45 steps/epoch),
# without data loading and shuffling. bench/train/mlp_step.sh times it
# beside the same loop in PyTorch.
defmodule MlpStep do
  import Nx.Defn

  defn init() do
    w1 = Nx.sin(Nx.iota({64, 128}, type: :f32) * 0.37) * 0.1
    w2 = Nx.cos(Nx.iota({128, 10}, type: :f32) * 0.11) * 0.1
    %{w1: w1, b1: Nx.broadcast(0.0, {128}), w2: w2, b2: Nx.broadcast(0.0, {10})}
  end

  defn batch() do
    x = Nx.abs(Nx.sin(Nx.iota({32, 64}, type: :f32) * 0.013)) * 16 / 16
    e = Nx.eye(10, type: :f32)
    {x, Nx.concatenate([e, e, e, Nx.slice(e, [0, 0], [2, 10])])}
  end

  defn loss(p, x, y) do
    h = Nx.max(Nx.dot(x, p.w1) + p.b1, 0.0)
    logits = Nx.dot(h, p.w2) + p.b2
    Nx.mean(Nx.logsumexp(logits, axes: [1]) - Nx.sum(logits * y, axes: [1]))
  end

  defn step(p, x, y) do
    {l, g} = value_and_grad(p, &loss(&1, x, y))
    {%{w1: p.w1 - 0.1 * g.w1, b1: p.b1 - 0.1 * g.b1, w2: p.w2 - 0.1 * g.w2, b2: p.b2 - 0.1 * g.b2}, l}
  end

  def loop(p, _x, _y, 0, l), do: {p, l}

  def loop(p, x, y, n, _l) do
    {p, l} = step(p, x, y)
    loop(p, x, y, n - 1, l)
  end

  # The same step with Adam (Polaris spelling, lr 1e-3): the optimiser's
  # update is compiled into the step too.
  defn step_adam(p, state, x, y, update_fn) do
    {l, g} = value_and_grad(p, &loss(&1, x, y))
    {updates, state} = update_fn.(g, state, p)
    {Polaris.Updates.apply_updates(p, updates), state, l}
  end

  defp loop_adam(p, _s, _u, _x, _y, 0, l), do: {p, l}

  defp loop_adam(p, s, u, x, y, n, _l) do
    {p, s, l} = step_adam(p, s, x, y, u)
    loop_adam(p, s, u, x, y, n - 1, l)
  end

  def run_adam(n) do
    {x, y} = batch()
    {init_fn, update_fn} = Polaris.Optimizers.adam(learning_rate: 1.0e-3)
    p = init()
    {_p, l} = loop_adam(p, init_fn.(p), update_fn, x, y, n, Nx.tensor(0.0))
    Nx.to_number(l)
  end

  def run(n) do
    {x, y} = batch()
    {_p, l} = loop(init(), x, y, n, Nx.tensor(0.0))
    Nx.to_number(l)
  end
end
