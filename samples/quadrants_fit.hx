# The fit loop (docs/training.md): a 2-16-2 MLP learns which quadrants of
# the plane have x * y > 0, from 256 points on a grid, with Adam, shuffled
# mini-batches of 16, 20% of the points held out for validation and early
# stopping on the validation loss; the best parameters are saved as a
# checkpoint and the loss/accuracy curves as an SVG chart. The test set is
# another grid, offset by half a cell, that training never sees.
#
#   hastec run samples/quadrants_fit.hx -e 'QuadrantsFit.train()'
#       progress on stderr; writes quadrants.ckpt and quadrants.svg here;
#       prints the test accuracy (0.92...)
#   hastec run samples/quadrants_fit.hx -e 'QuadrantsFit.reload()'
#       the test accuracy of the saved checkpoint (the same number)
#   elixir -r stdlib/ref/nx.exs -r stdlib/ref/polaris.exs -r stdlib/ref/loop.exs \
#     -r stdlib/ref/fit.exs -r samples/quadrants_fit.hx -e 'IO.inspect QuadrantsFit.train()'
#       the same run under real Elixir, with the plain-Elixir twins
defmodule QuadrantsFit do
  import Nx.Defn

  @checkpoint "quadrants.ckpt"
  @chart "quadrants.svg"

  # n x n points over [-1, 1]^2 starting at offset; labels 0/1 (s64)
  defn grid16(offset) do
    gx = Nx.reshape(Nx.iota({16, 16}, axis: 0, type: :f32), {256, 1}) / 7.5 - 1.0 + offset
    gy = Nx.reshape(Nx.iota({16, 16}, axis: 1, type: :f32), {256, 1}) / 7.5 - 1.0 + offset
    {Nx.concatenate([gx, gy], axis: 1), Nx.reshape(Nx.as_type(Nx.greater(gx * gy, 0.0), :s64), {256})}
  end

  defn init do
    w1 = Nx.tanh(Nx.iota({2, 16}, type: :f32) * 1.3 - 9.0) * 0.8
    w2 = Nx.tanh(Nx.iota({16, 2}, type: :f32) * 0.7 - 5.0) * 0.5
    {{w1, Nx.broadcast(0.0, {16})}, {w2, Nx.broadcast(0.0, {2})}}
  end

  defn logits({{w1, b1}, {w2, b2}}, x), do: Nx.dot(Nx.tanh(Nx.dot(x, w1) + b1), w2) + b2

  # softmax cross-entropy on the logits, integer labels
  defn loss(y, z) do
    onehot = Nx.equal(Nx.new_axis(y, 1), Nx.iota({1, 2}, axis: 1))
    Nx.mean(Nx.logsumexp(z, axes: [1]) - Nx.sum(onehot * z, axes: [1]))
  end

  defn accuracy(p, x, y), do: Nx.mean(Nx.equal(Nx.argmax(logits(p, x), axis: 1), y))

  def trainer, do: Hx.Loop.trainer(&logits/2, &loss/2, Polaris.Optimizers.adam(learning_rate: 0.05))

  def train do
    p =
      Hx.Loop.run(trainer(), grid16(0.0), init(),
        epochs: 40, batch_size: 16, validation_split: 0.2, patience: 4, seed: 1,
        checkpoint: @checkpoint, chart: @chart)

    test_accuracy(p)
  end

  def reload, do: test_accuracy(Hx.Checkpoint.load!(@checkpoint, init()))

  # no files: what the differential tests run
  def quick(seed) do
    p = Hx.Loop.run(trainer(), grid16(0.0), init(), epochs: 8, batch_size: 16, validation_split: 0.2, seed: 5)
    {seed, test_accuracy(p)}
  end

  def test_accuracy(p) do
    {x, y} = grid16(0.0625)
    Nx.to_number(accuracy(p, x, y))
  end
end

# CALL: QuadrantsFit.quick(5)
