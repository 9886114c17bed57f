# The fit loop (Hx.Loop.trainer/run, docs/training.md) against its plain
# Elixir twin (stdlib/ref/fit.exs on the Nx, Polaris and loop-runtime shims):
# the same shuffled batches, updates, validation split and early stopping,
# so the trained parameters agree within the f32 tolerance. No files are
# written here (checkpoints and charts: test/lit/train/).
defmodule FitLoop do
  import Nx.Defn

  # 256 points on a grid over [-1, 1]^2; class 1 where x * y > 0
  defn grid do
    gx = Nx.reshape(Nx.iota({16, 16}, axis: 0, type: :f32), {256, 1}) / 7.5 - 1.0
    gy = Nx.reshape(Nx.iota({16, 16}, axis: 1, type: :f32), {256, 1}) / 7.5 - 1.0
    {Nx.concatenate([gx, gy], axis: 1), gx * gy}
  end

  defn init1 do
    w1 = Nx.tanh(Nx.iota({2, 16}, type: :f32) * 1.3 - 9.0) * 0.8
    w2 = Nx.tanh(Nx.iota({16, 1}, type: :f32) * 0.7 - 5.0) * 0.5
    %{w1: w1, b1: Nx.broadcast(0.0, {16}), w2: w2, b2: Nx.broadcast(0.0, {1})}
  end

  defn init2 do
    w1 = Nx.tanh(Nx.iota({2, 16}, type: :f32) * 1.3 - 9.0) * 0.8
    w2 = Nx.tanh(Nx.iota({16, 2}, type: :f32) * 0.7 - 5.0) * 0.5
    %{w1: w1, b1: Nx.broadcast(0.0, {16}), w2: w2, b2: Nx.broadcast(0.0, {2})}
  end

  defn hidden(p, x), do: Nx.tanh(Nx.dot(x, p.w1) + p.b1)
  defn prob(p, x), do: Nx.sigmoid(Nx.dot(hidden(p, x), p.w2) + p.b2)
  defn logits(p, x), do: Nx.dot(hidden(p, x), p.w2) + p.b2

  defn softmax_ce(y, z) do
    onehot = Nx.equal(Nx.new_axis(y, 1), Nx.iota({1, 2}, axis: 1))
    Nx.mean(Nx.logsumexp(z, axes: [1]) - Nx.sum(onehot * z, axes: [1]))
  end

  def labels, do: Nx.as_type(Nx.greater(elem(grid(), 1), 0.0), :f32)

  def summary(p, x, y), do: {Nx.to_number(Nx.sum(p.w2)), Nx.to_number(FitLoop.Acc.binary(y, prob(p, x)))}

  # binary cross-entropy (an atom), a validation split, shuffled batches
  def bce(epochs) do
    {x, _} = grid()
    y = labels()
    p = Hx.Loop.trainer(&prob/2, :binary_cross_entropy, Polaris.Optimizers.adam(learning_rate: 0.02))
        |> Hx.Loop.run({x, y}, init1(), epochs: 6, batch_size: 32, validation_split: 0.25, seed: 7)
    {epochs, summary(p, x, y)}
  end

  # integer labels and the user's own loss on logits; sgd with momentum;
  # batches in order (shuffle: false), no validation
  def sparse do
    {x, _} = grid()
    y = Nx.reshape(Nx.as_type(labels(), :s64), {256})
    p = Hx.Loop.trainer(&logits/2, &softmax_ce/2, Polaris.Optimizers.sgd(learning_rate: 0.1, momentum: 0.9))
        |> Hx.Loop.run({x, y}, init2(), epochs: 4, batch_size: 64, shuffle: false)
    Nx.to_number(Nx.mean(Nx.equal(Nx.argmax(logits(p, x), axis: 1), y)))
  end

  # regression with :mean_squared_error (no accuracy), a tuple-free model
  def mse do
    {x, t} = grid()
    p = Hx.Loop.trainer(&logits/2, :mean_squared_error, Polaris.Optimizers.adamw(learning_rate: 0.01, decay: 0.01))
        |> Hx.Loop.run({x, t}, init1(), epochs: 5, batch_size: 16, seed: 3)
    Nx.to_number(mse_of(p, x, t))
  end

  defn mse_of(p, x, t), do: Nx.mean((logits(p, x) - t) * (logits(p, x) - t))

  # validation_data: the validation rows given apart (the odd grid rows); and
  # one Hx.Loop.run call used with two data shapes (two instances of the loop)
  def valdata do
    {x, _} = grid()
    y = labels()
    xo = Nx.slice(x, [1, 0], [255, 2], strides: [2, 1])
    yo = Nx.slice(y, [1, 0], [255, 1], strides: [2, 1])
    xe = Nx.slice(x, [0, 0], [256, 2], strides: [2, 1])
    ye = Nx.slice(y, [0, 0], [256, 1], strides: [2, 1])
    {fit_on(xe, ye, {xo, yo}), fit_on(x, y, {xo, yo})}
  end

  def fit_on(x, y, val) do
    p = Hx.Loop.trainer(&prob/2, :binary_cross_entropy, Polaris.Optimizers.adam(learning_rate: 0.05))
        |> Hx.Loop.run({x, y}, init1(), epochs: 4, batch_size: 16, validation_data: val, patience: 3, seed: 2)
    summary(p, x, y)
  end

  # early stopping on the validation loss: the best epoch's parameters come back
  def early do
    {x, _} = grid()
    y = labels()
    p = Hx.Loop.trainer(&prob/2, :binary_cross_entropy, Polaris.Optimizers.adam(learning_rate: 0.2))
        |> Hx.Loop.run({x, y}, init1(), epochs: 30, batch_size: 16, validation_split: 0.2, patience: 2, seed: 11)
    summary(p, x, y)
  end
end

defmodule FitLoop.Acc do
  import Nx.Defn
  defn binary(y, p), do: Nx.mean(Nx.equal(Nx.greater(p, 0.5), Nx.greater(y, 0.5)))
end

# CALL: FitLoop.bce(6)
# CALL: FitLoop.sparse()
# CALL: FitLoop.mse()
# CALL: FitLoop.early()
# CALL: FitLoop.valdata()
