# Mini-batch training, compiled: a 2-16-1 MLP learns the XOR quadrants of
# 256 points with Adam (Polaris spelling), batches of 32 cut out of the data
# with Nx.slice at run-time offsets (every 8th point from offset b), 8
# batches per epoch. Returns the loss of
# the first and of the last epoch (the mean of its batch losses) and the
# final accuracy on the 256 points.
#
#   hastec run samples/minibatch_xor.hx -e 'MinibatchXor.train(150)'   # {1.05, 0.045, 1.0}
#   elixir -r stdlib/ref/nx.exs -r stdlib/ref/polaris.exs -r samples/minibatch_xor.hx \
#     -e 'IO.inspect MinibatchXor.train(15)'
defmodule MinibatchXor do
  import Nx.Defn

  @batches 8
  @span 249

  # A 16 x 16 grid over [-1, 1]^2; label 1 where x * y > 0.
  defn data do
    gx = Nx.reshape(Nx.iota({16, 16}, axis: 0, type: :f32), {256, 1}) / 7.5 - 1.0
    gy = Nx.reshape(Nx.iota({16, 16}, axis: 1, type: :f32), {256, 1}) / 7.5 - 1.0
    x = Nx.concatenate([gx, gy], axis: 1)
    {x, Nx.as_type(Nx.greater(gx * gy, 0.0), :f32)}
  end

  defn init do
    w1 = Nx.tanh(Nx.iota({2, 16}, type: :f32) * 1.3 - 9.0) * 0.8
    w2 = Nx.tanh(Nx.iota({16, 1}, type: :f32) * 0.7 - 5.0) * 0.5
    %{w1: w1, b1: Nx.broadcast(0.0, {16}), w2: w2, b2: Nx.broadcast(0.0, {1})}
  end

  defn logits(p, x), do: Nx.dot(Nx.tanh(Nx.dot(x, p.w1) + p.b1), p.w2) + p.b2

  # binary cross-entropy on the logits: log(1 + e^z) - y z
  defn loss(p, x, y) do
    z = logits(p, x)
    Nx.mean(Nx.log(1.0 + Nx.exp(z)) - y * z)
  end

  defn step(p, s, x, y, update_fn) do
    {l, g} = value_and_grad(p, &loss(&1, x, y))
    {u, s} = update_fn.(g, s, p)
    {Polaris.Updates.apply_updates(p, u), s, l}
  end

  defn accuracy(p, x, y), do: Nx.mean(Nx.equal(Nx.greater(logits(p, x), 0.0), y))

  defp epoch(p, s, _x, _y, _u, b, total) when b == @batches, do: {p, s, total / @batches}

  defp epoch(p, s, x, y, u, b, total) do
    # batch b: points b, b + 8, b + 16, ... (32 of them, all over the grid)
    xb = Nx.slice(x, [b, 0], [@span, 2], strides: [@batches, 1])
    yb = Nx.slice(y, [b, 0], [@span, 1], strides: [@batches, 1])
    {p, s, l} = step(p, s, xb, yb, u)
    epoch(p, s, x, y, u, b + 1, total + Nx.to_number(l))
  end

  defp epochs(p, s, _x, _y, _u, 0, last), do: {p, s, last}

  defp epochs(p, s, x, y, u, n, _last) do
    {p, s, l} = epoch(p, s, x, y, u, 0, 0.0)
    epochs(p, s, x, y, u, n - 1, l)
  end

  def train(n) do
    {x, y} = data()
    {init_fn, update_fn} = Polaris.Optimizers.adam(learning_rate: 0.02)
    p = init()
    {p, s, first} = epoch(p, init_fn.(p), x, y, update_fn, 0, 0.0)
    {p, _s, last} = epochs(p, s, x, y, update_fn, n - 1, first)
    {first, last, Nx.to_number(accuracy(p, x, y))}
  end
end

# CALL: MinibatchXor.train(3)
# CALL: MinibatchXor.train(15)
