# Handwritten digits (samples/data/digits.csv.gz: 1797 images of 8 x 8
# pixels 0..16 and their label, no header; BSD, see samples/data/README.md)
# learned by a 64-128-10 MLP with ReLU, Adam (lr 1e-3) and mini-batches of
# 32 through the fit loop (docs/training.md). Test set: every 5th image
# (360), never trained on; the other 1437 train. 20 epochs give about 97%.
#
#   hastec run samples/digits_mlp.hx -e 'DigitsMlp.train()'      # test accuracy, progress on stderr
#   elixir -r stdlib/ref/nx.exs -r stdlib/ref/polaris.exs -r stdlib/ref/loop.exs -r stdlib/ref/fit.exs \
#     -r stdlib/ref/explorer.exs -r samples/digits_mlp.hx -e 'IO.inspect DigitsMlp.quick()'
#
# The data are read with Explorer (DF.from_csv!): hastec types the frame from
# the file when it compiles the program (docs/frames.md, "Compiled").
defmodule DigitsMlp do
  import Nx.Defn
  require Explorer.DataFrame, as: DF
  alias Explorer.Series

  @path "samples/data/digits.csv.gz"

  # {pixels / 16 as f32 {1797, 64}, labels s64 {1797}}
  def load do
    df = DF.from_csv!(@path, header: false)
    x = df |> DF.discard(["column_65"]) |> Nx.stack(axis: -1)
    y = Series.to_tensor(df["column_65"])
    {scale(x), y}
  end

  defn scale(x), do: Nx.as_type(x, :f32) / 16.0

  # image 5i is test image i; train image j is image j + div(j, 4) + 1
  defn split({x, y}) do
    test = Nx.iota({360}) * 5
    j = Nx.iota({1437})
    train = j + Nx.quotient(j, 4) + 1
    {{Nx.take(x, train), Nx.take(y, train)}, {Nx.take(x, test), Nx.take(y, test)}}
  end

  # Deterministic pseudo-random weights, uniform in +-1/sqrt(fan_in) like
  # PyTorch's default initialisation: a quadratic hash of the element index,
  # exact in integers and f32, so compiled code and the Elixir shims start from
  # the same bits (Nx.Random.uniform would too; this hash keeps the sample's
  # published numbers).
  defn noise(shape_iota, seed) do
    h = Nx.remainder(shape_iota * shape_iota * 3 + shape_iota * 7919 + seed, 65536)
    Nx.as_type(h, :f32) / 32768.0 - 1.0
  end

  defn init do
    %{w1: noise(Nx.iota({64, 128}), 1) * 0.125, b1: noise(Nx.iota({128}), 2) * 0.125,
      w2: noise(Nx.iota({128, 10}), 3) * 0.0884, b2: noise(Nx.iota({10}), 4) * 0.0884}
  end

  defn logits(p, x), do: Nx.dot(Nx.max(Nx.dot(x, p.w1) + p.b1, 0.0), p.w2) + p.b2

  # softmax cross-entropy on the logits, integer labels
  defn loss(y, z) do
    onehot = Nx.equal(Nx.new_axis(y, 1), Nx.iota({1, 10}, axis: 1))
    Nx.mean(Nx.logsumexp(z, axes: [1]) - Nx.sum(onehot * z, axes: [1]))
  end

  defn accuracy(p, x, y), do: Nx.mean(Nx.equal(Nx.argmax(logits(p, x), axis: 1), y))

  def trainer, do: Hx.Loop.trainer(&logits/2, &loss/2, Polaris.Optimizers.adam(learning_rate: 1.0e-3))

  def train do
    {train, {xt, yt}} = split(load())
    p = Hx.Loop.run(trainer(), train, init(), epochs: 20, batch_size: 32, seed: 42)
    Nx.to_number(accuracy(p, xt, yt))
  end

  # One epoch (the differential test: the Elixir shims are slow)
  def quick do
    {train, {xt, yt}} = split(load())
    p = Hx.Loop.run(trainer(), train, init(), epochs: 1, batch_size: 32, seed: 42)
    {DF.n_rows(DF.from_csv!(@path, header: false)), Nx.to_number(accuracy(p, xt, yt))}
  end
end

# CALL: DigitsMlp.quick()
