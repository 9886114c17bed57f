# Whole-model gradient checked against PyTorch (test/grad_torch/check.py):
# one self-attention head followed by a layer norm, in f64: dot with a
# transposed operand, a softmax written out (exp, reduce_max shift, division
# by a keep_axes sum), mean and variance over an axis, rsqrt, pow and sqrt,
# parameters in an atom-key map. Values as in the other models: integer
# hashes, exact in f64.
#
#   hastec run test/grad_torch/attention_norm.hx -e 'GradTorchAttention.run()'
#
# prints {loss, %{beta: _, gamma: _, wk: _, wq: _, wv: _}} (value_and_grad over a map).
defmodule GradTorchAttention do
  import Nx.Defn

  defn noise(i, seed) do
    h = Nx.remainder(i * i * 3 + i * 7919 + seed, 65536)
    Nx.as_type(h, :f64) / 32768.0 - 1.0
  end

  defn params do
    %{wq: noise(Nx.iota({6, 4}), 31) * 0.5, wk: noise(Nx.iota({6, 4}), 32) * 0.5,
      wv: noise(Nx.iota({6, 6}), 33) * 0.5, gamma: noise(Nx.iota({6}), 34) * 0.5 + 1.0,
      beta: noise(Nx.iota({6}), 35) * 0.25}
  end

  defn batch do
    {noise(Nx.iota({8, 6}), 36), noise(Nx.iota({8, 6}), 37)}
  end

  defn loss(p, x, tgt) do
    q = Nx.dot(x, p.wq)
    k = Nx.dot(x, p.wk)
    sc = Nx.dot(q, Nx.transpose(k)) * 0.5
    a = Nx.exp(sc - Nx.reduce_max(sc, axes: [1], keep_axes: true))
    a = a / Nx.sum(a, axes: [1], keep_axes: true)
    h = Nx.dot(a, Nx.dot(x, p.wv))
    mu = Nx.mean(h, axes: [1], keep_axes: true)
    var = Nx.variance(h, axes: [1], keep_axes: true)
    n = (h - mu) * Nx.rsqrt(var + 1.0e-5) * p.gamma + p.beta
    Nx.sum(Nx.pow(n - tgt, 2)) / 8.0 + Nx.mean(Nx.sqrt(n * n + 1.0))
  end

  defn run do
    {x, tgt} = batch()
    value_and_grad(params(), &loss(&1, x, tgt))
  end
end
