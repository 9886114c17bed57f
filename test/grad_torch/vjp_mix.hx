# Whole-model gradient checked against PyTorch (test/grad_torch/check.py):
# a small binary classifier that goes through the vector-Jacobian rules the
# two MLPs do not: an embedding looked up by Nx.take (rows taken twice get
# both gradients), concatenate, clip (some units clipped: zero gradient),
# Nx.max of two tensors (leaky ReLU), transpose, reshape, reduce_max over an
# axis, slice, broadcasting, sigmoid and binary cross-entropy with Nx.log.
# The same model runs in f64 (run64) and f32 (run32, the same values cast:
# they are k / 2^15 - 1 times powers of two, exact in both).
#
#   hastec run test/grad_torch/vjp_mix.hx -e 'GradTorchMix.run64()'
#   hastec run test/grad_torch/vjp_mix.hx -e 'GradTorchMix.run32()'
#
# print {loss, {gw, gb, ge, gv}} (value_and_grad over a tuple).
defmodule GradTorchMix do
  import Nx.Defn

  defn noise(i, seed) do
    h = Nx.remainder(i * i * 3 + i * 7919 + seed, 65536)
    Nx.as_type(h, :f64) / 32768.0 - 1.0
  end

  # {w {10, 6}, b {6}, embedding e {12, 4}, v {2}}
  defn params do
    {noise(Nx.iota({10, 6}), 21), noise(Nx.iota({6}), 22) * 0.25, noise(Nx.iota({12, 4}), 23),
     noise(Nx.iota({2}), 24) * 2.0}
  end

  # {x {16, 6}, embedding rows {16} (some taken twice), targets 0/1 {16}}
  defn batch do
    x = noise(Nx.iota({16, 6}), 25)
    j = Nx.iota({16})
    idx = Nx.remainder(j * 5 + 3, 12)
    t = Nx.as_type(Nx.remainder(j * j * 3 + j * 5 + 1, 2), :f64)
    {x, idx, t}
  end

  defn loss({w, b, e, v}, x, idx, t) do
    emb = Nx.take(e, idx, axis: 0)
    feats = Nx.concatenate([x, emb], axis: 1)
    z = Nx.clip(Nx.dot(feats, w) + b, -1.0, 1.0)
    z = Nx.max(z, 0.2 * z)
    m = Nx.reduce_max(Nx.reshape(Nx.transpose(z), {3, 2, 16}), axes: [1])
    s = Nx.slice(m, [0, 0], [2, 16])
    cols = Nx.sum(Nx.take(e, Nx.tensor([3, 0, 3]), axis: 1), axes: [1])
    logit = Nx.sum(Nx.new_axis(v, 1) * s, axes: [0]) + 0.125 * Nx.take(cols, idx)
    p = Nx.sigmoid(logit)
    -Nx.mean(t * Nx.log(p) + (1.0 - t) * Nx.log(1.0 - p))
  end

  defn run64 do
    {x, idx, t} = batch()
    value_and_grad(params(), &loss(&1, x, idx, t))
  end

  defn run32 do
    {x, idx, t} = batch()
    {w, b, e, v} = params()
    p32 = {Nx.as_type(w, :f32), Nx.as_type(b, :f32), Nx.as_type(e, :f32), Nx.as_type(v, :f32)}
    x32 = Nx.as_type(x, :f32)
    t32 = Nx.as_type(t, :f32)
    value_and_grad(p32, &loss(&1, x32, idx, t32))
  end
end
