# Whole-model gradient checked against PyTorch (test/grad_torch/check.py):
# a 10-16-3 tanh MLP like samples/penguins_classifier.hx's, with mean squared
# error against one-hot targets, one batch of 24, all in f32. The weights and
# inputs are k / 2^15 - 1 times powers of two (exact in f32), so torch_ref.py
# rebuilds the same bits; it computes the reference in f64 from them, and
# hastec's f32 results must match at gradcheck's tolerances.
#
#   hastec run test/grad_torch/tanh_mse.hx -e 'GradTorchTanh.run()'
#
# prints {loss, {gw1, gb1, gw2, gb2}} (value_and_grad over a tuple).
defmodule GradTorchTanh do
  import Nx.Defn

  defn noise(i, seed) do
    h = Nx.remainder(i * i * 3 + i * 7919 + seed, 65536)
    Nx.as_type(h, :f32) / 32768.0 - 1.0
  end

  defn params do
    {noise(Nx.iota({10, 16}), 11) * 0.5, noise(Nx.iota({16}), 12) * 0.25,
     noise(Nx.iota({16, 3}), 13) * 0.5, noise(Nx.iota({3}), 14) * 0.25}
  end

  defn batch do
    x = noise(Nx.iota({24, 10}), 15) * 2.0
    j = Nx.iota({24})
    y = Nx.remainder(j * j * 5 + j * 3 + 2, 3)
    {x, Nx.as_type(Nx.equal(Nx.new_axis(y, 1), Nx.iota({1, 3}, axis: 1)), :f32)}
  end

  defn loss({w1, b1, w2, b2}, x, t) do
    out = Nx.dot(Nx.tanh(Nx.dot(x, w1) + b1), w2) + b2
    Nx.mean((out - t) * (out - t))
  end

  defn run do
    {x, t} = batch()
    value_and_grad(params(), &loss(&1, x, t))
  end
end
