# Polaris 0.1 optimizers (sgd with and without momentum/nesterov, adam,
# adamw) on a least-squares problem: init_fn.(params) builds the state,
# update_fn.(gradients, state, params) gives {updates, state} inside a defn
# step, Polaris.Updates.apply_updates(params, updates) applies them. The
# state is a tuple of maps, one per stage of the optimizer: %{scale: -lr}
# (an f32 tensor) first, then the adam moments (f32 zeros at start, they
# take the gradient's type after a step) and s32 count, or the momentum
# trace. Parameters are a map, a tuple, f32 or f64.
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

  # Runs `steps` optimizer steps; returns the final params, the final state
  # and the loss before each step.
  def fit({init_fn, update_fn}, p, steps) do
    loop(p, init_fn.(p), update_fn, steps, [])
  end

  defp loop(p, state, _update_fn, 0, losses), do: {p, state, Enum.reverse(losses)}

  defp loop(p, state, update_fn, n, losses) do
    {p, state, l} = step(p, state, x(), y(), update_fn)
    loop(p, state, update_fn, n - 1, [Nx.to_number(l) | losses])
  end

  def fit_tuple({init_fn, update_fn}, p, steps), do: loop_tuple(p, init_fn.(p), update_fn, steps, [])

  defp loop_tuple(p, state, _update_fn, 0, losses), do: {p, state, Enum.reverse(losses)}

  defp loop_tuple(p, state, update_fn, n, losses) do
    {p, state, l} = step_tuple(p, state, x(), y(), update_fn)
    loop_tuple(p, state, update_fn, n - 1, [Nx.to_number(l) | losses])
  end

  def sgd(steps), do: fit(Polaris.Optimizers.sgd(learning_rate: 0.1), params(), steps)
  def sgd_default(steps), do: fit(Polaris.Optimizers.sgd(), params(), steps)
  def momentum(steps), do: fit(Polaris.Optimizers.sgd(learning_rate: 0.05, momentum: 0.9), params(), steps)
  def nesterov(steps), do: fit(Polaris.Optimizers.sgd(learning_rate: 0.05, momentum: 0.9, nesterov: true), params(), steps)
  def adam(steps), do: fit(Polaris.Optimizers.adam(learning_rate: 0.1), params(), steps)
  def adam_opts(steps), do: fit(Polaris.Optimizers.adam(learning_rate: 0.05, b1: 0.8, b2: 0.99, eps: 1.0e-6, eps_root: 0.0), params(), steps)
  def adamw(steps), do: fit(Polaris.Optimizers.adamw(learning_rate: 0.1, decay: 0.05), params(), steps)
  def adam_tuple(steps), do: fit_tuple(Polaris.Optimizers.adam(learning_rate: 0.1), {Nx.tensor([0.1, -0.2]), Nx.tensor(0.0)}, steps)

  def adam_f64(steps) do
    p = %{w: Nx.tensor([0.1, -0.2], type: :f64), b: Nx.tensor(0.0, type: :f64)}
    fit(Polaris.Optimizers.adam(learning_rate: 0.1), p, steps)
  end

  def init_states do
    {sgd_init, _} = Polaris.Optimizers.sgd(learning_rate: 0.1)
    {mom_init, _} = Polaris.Optimizers.sgd(momentum: 0.9)
    {adam_init, _} = Polaris.Optimizers.adamw()
    {sgd_init.(params()), mom_init.(params()), adam_init.(params())}
  end

  def apply_cast do
    Polaris.Updates.apply_updates(
      %{a: Nx.tensor([1.0, 2.0], type: :f64), b: {Nx.tensor([1, 2])}},
      %{a: Nx.tensor([0.1, 0.2]), b: {Nx.tensor([0.6, -1.6])}}
    )
  end
end
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
# CALL: GradPolaris.adam_f64(2)
