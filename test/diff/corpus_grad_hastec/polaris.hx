# A copy of test/diff/corpus_grad/polaris.hx (keep the two in step),
# rewritten where hastec differs: the loops keep the last loss instead of
# building the list of losses ([h | t] lists are outside hastec's subset),
# apply_cast uses a 2-tuple (1-tuples are not written in hastec's subset),
# and adam_f64 is left out: with f64 parameters Polaris's f32 moments become
# f64 after the first step, so the loop's state changes type between
# iterations, which a statically typed loop cannot hold (hastec reports it
# at compile time; docs/grad.md). adamw_fun is hastec's own addition (an
# optimizer returned by a function of the program).
#
defmodule GradPolaris do
  import Nx.Defn

  defn loss(p, x, y), do: Nx.mean((Nx.dot(x, p.w) + p.b - y) ** 2)
  defn loss_tuple({w, b}, x, y), do: Nx.mean((Nx.dot(x, w) + b - y) ** 2)

  defn step(p, state, x, y, update_fn) do
    {l, g} = value_and_grad(p, fn p -> loss(p, x, y) end)
    {updates, state} = update_fn.(g, state, p)
    {Polaris.Updates.apply_updates(p, updates), state, l}
  end

  defn step_tuple(p, state, x, y, update_fn) do
    {l, g} = value_and_grad(p, fn p -> loss_tuple(p, x, y) end)
    {updates, state} = update_fn.(g, state, p)
    {Polaris.Updates.apply_updates(p, updates), state, l}
  end

  def x, do: Nx.tensor([[1.0, 2.0], [2.0, 0.5], [-1.0, 1.0], [0.5, -1.5]])
  def y, do: Nx.tensor([1.0, 2.0, -0.5, 0.0])
  def params, do: %{w: Nx.tensor([0.1, -0.2]), b: Nx.tensor(0.0)}

  def fit({init_fn, update_fn}, p, steps), do: loop(p, init_fn.(p), update_fn, steps, 0.0)

  defp loop(p, state, _update_fn, 0, last), do: {p, state, last}

  defp loop(p, state, update_fn, n, _last) do
    {p, state, l} = step(p, state, x(), y(), update_fn)
    loop(p, state, update_fn, n - 1, Nx.to_number(l))
  end

  def fit_tuple({init_fn, update_fn}, p, steps), do: loop_tuple(p, init_fn.(p), update_fn, steps, 0.0)

  defp loop_tuple(p, state, _update_fn, 0, last), do: {p, state, last}

  defp loop_tuple(p, state, update_fn, n, _last) do
    {p, state, l} = step_tuple(p, state, x(), y(), update_fn)
    loop_tuple(p, state, update_fn, n - 1, Nx.to_number(l))
  end

  def sgd(steps), do: fit(Polaris.Optimizers.sgd(learning_rate: 0.1), params(), steps)
  def sgd_default(steps), do: fit(Polaris.Optimizers.sgd(), params(), steps)
  def momentum(steps), do: fit(Polaris.Optimizers.sgd(learning_rate: 0.05, momentum: 0.9), params(), steps)
  def nesterov(steps), do: fit(Polaris.Optimizers.sgd(learning_rate: 0.05, momentum: 0.9, nesterov: true), params(), steps)
  def adam(steps), do: fit(Polaris.Optimizers.adam(learning_rate: 0.1), params(), steps)
  def adam_opts(steps), do: fit(Polaris.Optimizers.adam(learning_rate: 0.05, b1: 0.8, b2: 0.99, eps: 1.0e-6, eps_root: 0.0), params(), steps)
  def adamw(steps), do: fit(Polaris.Optimizers.adamw(learning_rate: 0.1, decay: 0.05), params(), steps)
  def adam_tuple(steps), do: fit_tuple(Polaris.Optimizers.adam(learning_rate: 0.1), {Nx.tensor([0.1, -0.2]), Nx.tensor(0.0)}, steps)


  # An optimizer made by a function of the program (inlined at the call).
  defp optimizer(lr), do: Polaris.Optimizers.adamw(learning_rate: lr, decay: 0.01)
  def adamw_fun(steps), do: fit(optimizer(0.05), params(), steps)

  def init_states do
    {sgd_init, _} = Polaris.Optimizers.sgd(learning_rate: 0.1)
    {mom_init, _} = Polaris.Optimizers.sgd(momentum: 0.9)
    {adam_init, _} = Polaris.Optimizers.adamw()
    {sgd_init.(params()), mom_init.(params()), adam_init.(params())}
  end

  def apply_cast do
    Polaris.Updates.apply_updates(
      %{a: Nx.tensor([1.0, 2.0], type: :f64), b: {Nx.tensor([1, 2]), Nx.tensor(3)}},
      %{a: Nx.tensor([0.1, 0.2]), b: {Nx.tensor([0.6, -1.6]), Nx.tensor(0.5)}}
    )
  end
end

# CALL: GradPolaris.adamw_fun(3)
# CALL: GradPolaris.init_states()
# CALL: GradPolaris.apply_cast()
# CALL: GradPolaris.sgd(3)
# CALL: elem(GradPolaris.sgd(40), 2)
# CALL: elem(GradPolaris.sgd_default(2), 0)
# CALL: GradPolaris.momentum(3)
# CALL: elem(GradPolaris.momentum(40), 2)
# CALL: GradPolaris.nesterov(3)
# CALL: GradPolaris.adam(3)
# CALL: elem(GradPolaris.adam(40), 2)
# CALL: GradPolaris.adam_opts(2)
# CALL: GradPolaris.adamw(3)
# CALL: GradPolaris.adam_tuple(2)
# CALL: elem(GradPolaris.adam_tuple(40), 2)
