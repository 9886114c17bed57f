# A copy of test/diff/corpus_grad/and_gate.hx (hastec compiles all of it; keep
# the two in step).
# The seed toolchain's first neural network: an MLP that learns the AND gate.
# A 2-4-1 network with sigmoid activations, fixed initial weights, mean
# squared error, trained by full-batch gradient descent (learning rate 2.0):
# a tail-recursive def loop calling a defn step that takes value_and_grad of
# the loss over the parameter map. Prints the loss before
# and after training, the final predictions and the rounded outputs
# (the truth table) after a few hundred steps.
defmodule GradAndGate do
  import Nx.Defn

  def inputs, do: Nx.tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
  def targets, do: Nx.tensor([[0.0], [0.0], [0.0], [1.0]])

  # Fixed initial weights (small, asymmetric), zero biases.
  def init_params do
    %{
      w1: Nx.tensor([[0.42, -0.31, 0.17, -0.58], [-0.27, 0.49, 0.63, 0.11]]),
      b1: Nx.broadcast(0.0, {4}),
      w2: Nx.tensor([[0.37], [-0.52], [0.21], [0.45]]),
      b2: Nx.broadcast(0.0, {1})
    }
  end

  defn forward(p, x) do
    h = Nx.sigmoid(Nx.dot(x, p.w1) + p.b1)
    Nx.sigmoid(Nx.dot(h, p.w2) + p.b2)
  end

  defn loss(p, x, y), do: Nx.mean((forward(p, x) - y) ** 2)

  defn step(p, x, y, lr) do
    {l, g} = value_and_grad(p, fn p -> loss(p, x, y) end)

    {%{w1: p.w1 - lr * g.w1, b1: p.b1 - lr * g.b1, w2: p.w2 - lr * g.w2, b2: p.b2 - lr * g.b2}, l}
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

    {Nx.to_number(loss(p0, inputs(), targets())), Nx.to_number(loss(p, inputs(), targets())),
     out, Nx.greater(out, 0.5)}
  end
end
# CALL: GradAndGate.init_params()
# CALL: GradAndGate.step(GradAndGate.init_params(), GradAndGate.inputs(), GradAndGate.targets(), 2.0)
# CALL: GradAndGate.run(10)
# CALL: GradAndGate.run(400)
