# hastec subset of test/diff/corpus_grad/logreg.hx (same module): left out
# the Polaris parts (opt_step, opt, opt_loop, train_sgd, train_adam; no
# Polaris in hastec yet); train_gd binds `p = gd(...)` and then
# `{w, b} = p` where the original chains `{w, b} = p = gd(...)` (no chained
# matches in hastec yet).
# A tiny logistic regression: loss = mean binary cross-entropy of
# sigmoid(x . w + b), written with log-sigmoid terms; one gradient step by
# hand (p - lr * g) and full-batch training loops (a tail-recursive def
# calling a defn step) with plain gradient descent. Prints losses,
# parameters, probabilities and the accuracy.
defmodule GradLogReg do
  import Nx.Defn

  defn predict(w, b, x), do: Nx.sigmoid(Nx.dot(x, w) + b)

  defn loss({w, b}, x, y) do
    z = Nx.dot(x, w) + b
    # -[y log s(z) + (1 - y) log(1 - s(z))] = log(1 + exp(z)) - y z
    Nx.mean(Nx.log(1 + Nx.exp(z)) - y * z)
  end

  defn gd_step({w, b}, x, y, lr) do
    {l, {gw, gb}} = value_and_grad({w, b}, fn p -> loss(p, x, y) end)
    {{w - lr * gw, b - lr * gb}, l}
  end

  defn accuracy({w, b}, x, y), do: Nx.mean(Nx.equal(predict(w, b, x) > 0.5, y))

  def x, do: Nx.tensor([[0.5, 1.0], [1.5, 2.0], [2.0, 0.5], [-1.0, -0.5], [-0.5, -2.0], [0.0, -1.0]])
  def y, do: Nx.tensor([1.0, 1.0, 1.0, 0.0, 0.0, 0.0])
  def init, do: {Nx.tensor([0.0, 0.0]), Nx.tensor(0.0)}

  def one_step, do: gd_step(init(), x(), y(), 0.5)

  def gd(p, 0), do: p
  def gd(p, n), do: gd(elem(gd_step(p, x(), y(), 0.5), 0), n - 1)

  def train_gd(steps) do
    p = gd(init(), steps)
    {w, b} = p
    {Nx.to_number(loss(p, x(), y())), p, predict(w, b, x()), accuracy(p, x(), y())}
  end
end
# CALL: GradLogReg.loss(GradLogReg.init(), GradLogReg.x(), GradLogReg.y())
# CALL: GradLogReg.one_step()
# CALL: GradLogReg.train_gd(1)
# CALL: GradLogReg.train_gd(50)
