# A tiny logistic regression: loss = mean binary cross-entropy of
# sigmoid(x . w + b), written with log-sigmoid terms; one gradient step by
# hand (p - lr * g) and full-batch training loops (a tail-recursive def
# calling a defn step) with plain gradient descent, Polaris sgd and Polaris
# adam. Prints losses, parameters, probabilities and the accuracy.
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

  defn opt_step(p, state, x, y, update_fn) do
    {l, g} = value_and_grad(p, fn p -> loss(p, x, y) end)
    {updates, state} = update_fn.(g, state, p)
    {Polaris.Updates.apply_updates(p, updates), state, l}
  end

  defn accuracy({w, b}, x, y), do: Nx.mean(Nx.equal(predict(w, b, x) > 0.5, y))

  def x, do: Nx.tensor([[0.5, 1.0], [1.5, 2.0], [2.0, 0.5], [-1.0, -0.5], [-0.5, -2.0], [0.0, -1.0]])
  def y, do: Nx.tensor([1.0, 1.0, 1.0, 0.0, 0.0, 0.0])
  def init, do: {Nx.tensor([0.0, 0.0]), Nx.tensor(0.0)}

  def one_step, do: gd_step(init(), x(), y(), 0.5)

  def gd(p, 0), do: p
  def gd(p, n), do: gd(elem(gd_step(p, x(), y(), 0.5), 0), n - 1)

  def train_gd(steps) do
    {w, b} = p = gd(init(), steps)
    {Nx.to_number(loss(p, x(), y())), p, predict(w, b, x()), accuracy(p, x(), y())}
  end

  def opt({init_fn, update_fn}, steps), do: opt_loop(init(), init_fn.(init()), update_fn, steps)

  defp opt_loop(p, _state, _update_fn, 0) do
    {w, b} = p
    {Nx.to_number(loss(p, x(), y())), p, predict(w, b, x()), accuracy(p, x(), y())}
  end

  defp opt_loop(p, state, update_fn, n) do
    {p, state, _l} = opt_step(p, state, x(), y(), update_fn)
    opt_loop(p, state, update_fn, n - 1)
  end

  def train_sgd(steps), do: opt(Polaris.Optimizers.sgd(learning_rate: 0.5), steps)
  def train_adam(steps), do: opt(Polaris.Optimizers.adam(learning_rate: 0.1), steps)
end
# CALL: GradLogReg.loss(GradLogReg.init(), GradLogReg.x(), GradLogReg.y())
# CALL: GradLogReg.one_step()
# CALL: GradLogReg.train_gd(1)
# CALL: GradLogReg.train_gd(50)
# CALL: GradLogReg.train_sgd(50)
# CALL: GradLogReg.train_adam(50)
