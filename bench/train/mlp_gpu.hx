# Issue 7's GPU training step: an MLP 784-1024-1024-10 (ReLU, softmax
# cross-entropy, plain gradient descent, lr 0.01), batch 256, f32, on one
# fixed synthetic batch, n steps in a loop. The same step as mlp_step.hx, one
# hidden layer more and ~100x the work: 2.45 GFLOP per step, almost all of it
# in the eight matrix products (3 forward, 3 weight gradients, 2 input
# gradients: none for x). Built with --target=opencl it is what
# bench/train/gpu/run.sh times on the GPU machine beside PyTorch eager
# (bench/train/torch_mlp_gpu.py --problem hastec: the same weights,
# data and step).
#
# Data: x = sin(0.013 * iota) (values in [-1, 1]), labels = argmax of x times a
# fixed "teacher" matrix, one-hot, so the loss can fall. Weights: scaled sines
# and cosines of iota (about the size of PyTorch's default initialisation).
defmodule MlpGpu do
  import Nx.Defn

  defn init() do
    w1 = Nx.sin(Nx.iota({784, 1024}, type: :f32) * 0.37) * 0.05
    w2 = Nx.cos(Nx.iota({1024, 1024}, type: :f32) * 0.11) * 0.04
    w3 = Nx.sin(Nx.iota({1024, 10}, type: :f32) * 0.23) * 0.04
    %{w1: w1, b1: Nx.broadcast(0.0, {1024}), w2: w2, b2: Nx.broadcast(0.0, {1024}), w3: w3, b3: Nx.broadcast(0.0, {10})}
  end

  defn batch() do
    x = Nx.sin(Nx.iota({256, 784}, type: :f32) * 0.013)
    teacher = Nx.cos(Nx.iota({784, 10}, type: :f32) * 0.7)
    labels = Nx.argmax(Nx.dot(x, teacher), axis: 1, keep_axis: true)
    {x, Nx.as_type(Nx.equal(Nx.iota({256, 10}, axis: 1), labels), :f32)}
  end

  defn loss(p, x, y) do
    h1 = Nx.max(Nx.dot(x, p.w1) + p.b1, 0.0)
    h2 = Nx.max(Nx.dot(h1, p.w2) + p.b2, 0.0)
    logits = Nx.dot(h2, p.w3) + p.b3
    Nx.mean(Nx.logsumexp(logits, axes: [1]) - Nx.sum(logits * y, axes: [1]))
  end

  defn step(p, x, y) do
    {l, g} = value_and_grad(p, &loss(&1, x, y))

    {%{
       w1: p.w1 - 0.01 * g.w1,
       b1: p.b1 - 0.01 * g.b1,
       w2: p.w2 - 0.01 * g.w2,
       b2: p.b2 - 0.01 * g.b2,
       w3: p.w3 - 0.01 * g.w3,
       b3: p.b3 - 0.01 * g.b3
     }, l}
  end

  def loop(p, _x, _y, 0, l), do: {p, l}

  def loop(p, x, y, n, _l) do
    {p, l} = step(p, x, y)
    loop(p, x, y, n - 1, l)
  end

  # The loss of the last of n steps (0.0 for n = 0; init and batch still run,
  # so run(n) - run(0) is the time of n steps).
  @spec run(integer()) :: float()
  def run(n) do
    {x, y} = batch()
    {_p, l} = loop(init(), x, y, n, Nx.tensor(0.0))
    Nx.to_number(l)
  end

  # The labels' histogram (how many rows of each class 0..9): a check that the
  # synthetic labels are not degenerate.
  @spec label_counts() :: [float()]
  def label_counts() do
    {_x, y} = batch()
    Nx.to_flat_list(Nx.sum(y, axes: [0]))
  end
end
