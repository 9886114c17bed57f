# Whole-model gradient checked against PyTorch (test/grad_torch/check.py):
# the digits MLP of samples/digits_mlp.hx, 64-128-10, ReLU (Nx.max with 0.0),
# softmax cross-entropy in logsumexp form, one batch of 32, all in f64.
# Weights, pixels and labels come from integer hashes of the element index,
# so torch_ref.py rebuilds the very same bits without exchanging files: every
# weight is k / 2^15 - 1 times a power of two, every pixel a sixteenth.
#
#   hastec run test/grad_torch/digits_mlp.hx -e 'GradTorchDigits.run()'
#
# prints {loss, %{b1: grad, b2: grad, w1: grad, w2: grad}} (value_and_grad).
defmodule GradTorchDigits do
  import Nx.Defn

  # uniform in [-1, 1), a multiple of 2^-15: exact in f32 and f64
  defn noise(i, seed) do
    h = Nx.remainder(i * i * 3 + i * 7919 + seed, 65536)
    Nx.as_type(h, :f64) / 32768.0 - 1.0
  end

  defn params do
    %{w1: noise(Nx.iota({64, 128}), 1) * 0.125, b1: noise(Nx.iota({128}), 2) * 0.125,
      w2: noise(Nx.iota({128, 10}), 3) * 0.0625, b2: noise(Nx.iota({10}), 4) * 0.0625}
  end

  # pixels 0..16 / 16 as in the digits data set, labels 0..9
  defn batch do
    i = Nx.iota({32, 64})
    x = Nx.as_type(Nx.remainder(i * i * 5 + i * 31 + 7, 17), :f64) / 16.0
    j = Nx.iota({32})
    y = Nx.remainder(j * j * 3 + j * 7 + 1, 10)
    {x, y}
  end

  defn logits(p, x), do: Nx.dot(Nx.max(Nx.dot(x, p.w1) + p.b1, 0.0), p.w2) + p.b2

  defn loss(p, x, y) do
    z = logits(p, x)
    onehot = Nx.equal(Nx.new_axis(y, 1), Nx.iota({1, 10}, axis: 1))
    Nx.mean(Nx.logsumexp(z, axes: [1]) - Nx.sum(onehot * z, axes: [1]))
  end

  defn run do
    {x, y} = batch()
    value_and_grad(params(), &loss(&1, x, y))
  end
end
