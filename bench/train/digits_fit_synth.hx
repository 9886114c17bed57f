# Stand-in for samples/digits_mlp.hx in bench/train/hastec_digits.sh: the digits
# benchmark's model and training (64-128-10 MLP, ReLU, softmax cross-entropy
# on integer labels, Adam lr 1e-3, batch 32, 20 epochs through Hx.Loop.run)
# on SYNTHETIC tensors of the digits shapes: x f32 {1797, 64} in [0, 1],
# y s64 {1797} in 0..9 (a learnable pattern: each class is a different sine
# over the 64 pixels, plus a per-row phase). The first 1437 rows train, the
# last 360 test (the shapes of bench/train/digits_data.py's split, not its
# rows). Only its times are comparable with the benchmark's peers; its
# accuracy is on made-up data.
#
#   HX_PROGRESS=plain hastec run bench/train/digits_fit_synth.hx -e 'DigitsFitSynth.train()'
#       one "Epoch k/20: ... (S s)" line per epoch on stderr; prints the test accuracy
defmodule DigitsFitSynth do
  import Nx.Defn

  defn data() do
    i = Nx.iota({1797, 1}, axis: 0, type: :f32)
    j = Nx.iota({1, 64}, axis: 1, type: :f32)
    y = Nx.remainder(Nx.iota({1797}) * 7 + Nx.quotient(Nx.iota({1797}), 13), 10)
    c = Nx.new_axis(Nx.as_type(y, :f32), 1) + 1.0
    x = (Nx.sin(c * (j + 1.0) * 0.21 + i * 0.013) + 1.0) * 0.5
    {x, y}
  end

  # uniform-ish in +-1/sqrt(fan_in), as PyTorch's default initialisation
  defn init() do
    w1 = Nx.sin(Nx.iota({64, 128}, type: :f32) * 0.37) * 0.125
    w2 = Nx.cos(Nx.iota({128, 10}, type: :f32) * 0.11) * 0.088
    {{w1, Nx.broadcast(0.0, {128})}, {w2, Nx.broadcast(0.0, {10})}}
  end

  defn logits({{w1, b1}, {w2, b2}}, x), do: Nx.dot(Nx.max(Nx.dot(x, w1) + b1, 0.0), w2) + b2

  # softmax cross-entropy on the logits, integer labels, mean over the batch
  defn loss(y, z) do
    onehot = Nx.equal(Nx.new_axis(y, 1), Nx.iota({1, 10}, axis: 1))
    Nx.mean(Nx.logsumexp(z, axes: [1]) - Nx.sum(onehot * z, axes: [1]))
  end

  defn accuracy(p, x, y), do: Nx.mean(Nx.equal(Nx.argmax(logits(p, x), axis: 1), y))

  def train do
    {x, y} = data()
    xtr = Nx.slice_along_axis(x, 0, 1437, axis: 0)
    ytr = Nx.slice_along_axis(y, 0, 1437, axis: 0)

    p =
      Hx.Loop.trainer(&logits/2, &loss/2, Polaris.Optimizers.adam(learning_rate: 1.0e-3))
      |> Hx.Loop.run({xtr, ytr}, init(), epochs: 20, batch_size: 32, validation_split: 0.0, seed: 1)

    Nx.to_number(accuracy(p, Nx.slice_along_axis(x, 1437, 360, axis: 0), Nx.slice_along_axis(y, 1437, 360, axis: 0)))
  end
end
