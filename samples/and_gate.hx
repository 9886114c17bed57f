# The seed toolchain's first neural network (../shared/seed/): an MLP that
# learns the AND gate. A 2-4-1 network with sigmoid activations, fixed initial
# weights, mean squared error, trained by full-batch gradient descent
# (learning rate 2.0). The gradient comes from `value_and_grad`, which hastec
# differentiates at compile time (docs/grad.md): the forward pass, the
# backward pass and the update of one step are one compiled function.
#
#   hastec run samples/and_gate.hx -e 'AndGate.run(400)'
#
# prints the loss before and after training, the network's outputs and the
# learned truth table. The same file runs under real Elixir with the
# reference shims: elixir -r stdlib/ref/nx.exs -e '...' (docs/grad.md).
defmodule AndGate do
  import Nx.Defn

  def inputs, do: Nx.tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
  def targets, do: Nx.tensor([[0.0], [0.0], [0.0], [1.0]])

  # Fixed initial weights (small, asymmetric), zero biases: {w1, b1, w2, b2}.
  def init_params do
    {Nx.tensor([[0.42, -0.31, 0.17, -0.58], [-0.27, 0.49, 0.63, 0.11]]), Nx.broadcast(0.0, {4}),
     Nx.tensor([[0.37], [-0.52], [0.21], [0.45]]), Nx.broadcast(0.0, {1})}
  end

  defn forward({w1, b1, w2, b2}, x) do
    h = Nx.sigmoid(Nx.dot(x, w1) + b1)
    Nx.sigmoid(Nx.dot(h, w2) + b2)
  end

  defn loss(p, x, y), do: Nx.mean((forward(p, x) - y) ** 2)

  # One step of gradient descent: the new parameters and the loss before it.
  defn step(p, x, y, lr) do
    {l, {g1, gb1, g2, gb2}} = value_and_grad(p, fn p -> loss(p, x, y) end)
    {w1, b1, w2, b2} = p
    {{w1 - lr * g1, b1 - lr * gb1, w2 - lr * g2, b2 - lr * gb2}, l}
  end

  def train(p, 0), do: p

  def train(p, n) do
    {p, _loss} = step(p, inputs(), targets(), 2.0)
    train(p, n - 1)
  end

  def run(steps) do
    p0 = init_params()
    p = train(p0, steps)
    out = forward(p, inputs())

    {Nx.to_number(loss(p0, inputs(), targets())), Nx.to_number(loss(p, inputs(), targets())), out,
     Nx.greater(out, 0.5)}
  end
end
# CALL: AndGate.run(400)
