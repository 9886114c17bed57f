# Reference implementation of the Polaris subset hastec compiles, in plain Elixir
# (needs stdlib/ref/nx.exs loaded first):
#
#   elixir -r stdlib/ref/nx.exs -r stdlib/ref/polaris.exs prog.hx
#
# Follows Polaris 0.1 (elixir-nx/polaris, lib/polaris/{optimizers,updates,shared}.ex,
# keyword API): an optimizer is `{init_fn, update_fn}`; `init_fn.(params)`
# returns the optimizer state, `update_fn.(gradients, state, params)` returns
# `{updates, new_state}`, and `Polaris.Updates.apply_updates(params, updates)`
# adds the updates (cast to each parameter's type). Parameters, gradients and
# updates are the same container: a tensor, a tuple or an atom-key map of
# tensors (possibly nested).
#
# The update formulas are Polaris's defn code evaluated eagerly, with Nx's
# rules for numbers: an option such as `b1: 0.9` enters the arithmetic as
# a number (an f32 constant next to a tensor), `1 - b1` is folded in f64 first,
# the state starts as f32 zeros and an s32 step count, and the learning rate
# is kept in the state as the f32 tensor `-learning_rate`. See
# stdlib/ref/README.md for the formulas.

defmodule Polaris.Updates do
  @moduledoc false

  ## Combinators (Polaris.Updates.identity/stateless/stateful)

  def identity do
    {fn _params -> {} end, fn updates, state, _params -> {updates, state} end}
  end

  def stateless({parent_init_fn, parent_apply_fn} \\ identity(), apply_fn) do
    apply_fn = fn updates, state, params ->
      {updates, state} = parent_apply_fn.(updates, state, params)
      {apply_fn.(updates, params), state}
    end

    {parent_init_fn, apply_fn}
  end

  def stateful({parent_init_fn, parent_apply_fn} \\ identity(), init_fn, apply_fn) do
    init_fn = fn params ->
      state = parent_init_fn.(params)
      Tuple.insert_at(state, 0, init_fn.(params))
    end

    apply_fn = fn updates, state, params ->
      this_state = elem(state, 0)
      other_state = Tuple.delete_at(state, 0)
      {updates, new_other_state} = parent_apply_fn.(updates, other_state, params)
      {updates, new_this_state} = apply_fn.(updates, this_state, params)
      {updates, Tuple.insert_at(new_other_state, 0, new_this_state)}
    end

    {init_fn, apply_fn}
  end

  ## Update methods

  def scale(combinator \\ identity(), step_size) do
    stateless(combinator, fn updates, _params -> apply_scale(updates, step_size) end)
  end

  defp apply_scale(updates, step), do: deep_new(updates, fn v -> Nx.multiply(v, step) end)

  def scale_by_state(step) when is_number(step), do: scale_by_state(identity(), step)

  def scale_by_state({init_fn, apply_fn} = combinator, step)
      when is_function(init_fn, 1) and is_function(apply_fn, 3) and is_number(step) do
    # defn results are tensors: the scale is kept as a tensor of its
    # inferred type (f32 for a float learning rate)
    stateful(combinator, fn _params -> %{scale: Nx.tensor(step)} end, fn x, %{scale: scale} = state, _params ->
      {apply_scale(x, scale), state}
    end)
  end

  def scale_by_schedule(combinator \\ identity(), schedule_fn) when is_function(schedule_fn, 1) do
    stateful(combinator, fn _params -> %{count: Nx.tensor(0)} end, fn x, %{count: count}, _params ->
      step_size = schedule_fn.(count)
      {deep_new(x, fn x -> Nx.multiply(x, step_size) end), %{count: Nx.add(count, 1)}}
    end)
  end

  def scale_by_adam(combinator_or_opts \\ [])
  def scale_by_adam(opts) when is_list(opts), do: scale_by_adam(identity(), opts)
  def scale_by_adam({_, _} = combinator), do: scale_by_adam(combinator, [])

  def scale_by_adam({init_fn, apply_fn} = combinator, opts)
      when is_function(init_fn, 1) and is_function(apply_fn, 3) and is_list(opts) do
    opts = keyword!(opts, b1: 0.9, b2: 0.999, eps: 1.0e-8, eps_root: 1.0e-15)

    stateful(combinator, &init_scale_by_adam/1, fn x, state, _params ->
      apply_scale_by_adam(x, state, opts)
    end)
  end

  defp init_scale_by_adam(params) do
    %{mu: zeros_like(params, type: :f32), nu: zeros_like(params, type: :f32), count: Nx.tensor(0)}
  end

  defp apply_scale_by_adam(x, %{mu: mu, nu: nu, count: count}, opts) do
    b1 = opts[:b1]
    b2 = opts[:b2]
    eps = opts[:eps]
    eps_root = opts[:eps_root]

    mu = update_moment(x, mu, b1, 1)
    nu = update_moment(x, nu, b2, 2)
    count_inc = Nx.add(count, 1)
    mu_hat = bias_correction(mu, b1, count_inc)
    nu_hat = bias_correction(nu, b2, count_inc)

    x =
      deep_merge(mu_hat, nu_hat, fn z, t ->
        Nx.divide(z, Nx.add(Nx.sqrt(Nx.add(t, eps_root)), eps))
      end)

    {x, %{mu: mu, nu: nu, count: count_inc}}
  end

  def trace(combinator_or_opts \\ [])
  def trace(opts) when is_list(opts), do: trace(identity(), opts)
  def trace({_, _} = combinator), do: trace(combinator, [])

  def trace({init_fn, apply_fn} = combinator, opts)
      when is_function(init_fn, 1) and is_function(apply_fn, 3) and is_list(opts) do
    opts = keyword!(opts, decay: 0.9, nesterov: false)
    decay = opts[:decay]

    stateful(combinator, fn params -> %{trace: zeros_like(params, type: :f32)} end, fn x, %{trace: trace}, _params ->
      update_trace = deep_merge(x, trace, fn g, t -> Nx.add(Nx.multiply(t, decay), g) end)

      x =
        if opts[:nesterov],
          do: deep_merge(x, update_trace, fn g, t -> Nx.add(Nx.multiply(t, decay), g) end),
          else: update_trace

      {x, %{trace: update_trace}}
    end)
  end

  def add_decayed_weights(combinator_or_opts \\ [])
  def add_decayed_weights(opts) when is_list(opts), do: add_decayed_weights(identity(), opts)
  def add_decayed_weights({_, _} = combinator), do: add_decayed_weights(combinator, [])

  def add_decayed_weights({init_fn, apply_fn} = combinator, opts)
      when is_function(init_fn, 1) and is_function(apply_fn, 3) and is_list(opts) do
    decay = keyword!(opts, decay: 0.0)[:decay]

    stateless(combinator, fn updates, params ->
      deep_merge(updates, params, fn g, p -> Nx.add(g, Nx.multiply(decay, p)) end)
    end)
  end

  ## Applying updates

  def apply_updates(params, updates, state \\ nil) do
    new_params = deep_merge(params, updates, fn x, u -> Nx.add(x, Nx.as_type(u, Nx.type(x))) end)

    case state do
      nil -> new_params
      state -> merge_inner(new_params, state)
    end
  end

  defp merge_inner(%Nx.Tensor{}, %Nx.Tensor{} = state), do: state

  defp merge_inner(params, state) when is_map(params) and is_map(state),
    do: Map.merge(params, state, fn _, s1, s2 -> merge_inner(s1, s2) end)

  ## Helpers (Polaris.Updates / Polaris.Shared)

  defp update_moment(x, moment, decay, order) do
    deep_merge(x, moment, fn g, z ->
      Nx.add(Nx.multiply(1 - decay, Nx.pow(g, order)), Nx.multiply(decay, z))
    end)
  end

  defp bias_correction(moment, decay, count) do
    deep_new(moment, fn z -> Nx.divide(z, Nx.subtract(1, Nx.pow(decay, count))) end)
  end

  @doc false
  def zeros_like(params, opts) do
    deep_new(params, fn x ->
      type = opts[:type] || Nx.type(x)
      Nx.broadcast(Nx.tensor(0, type: type), Nx.shape(x))
    end)
  end

  @doc false
  # Polaris.Shared.deep_new/deep_merge: leaves of tensors, tuples and maps
  # (maps in key order, as Nx.Defn.Composite traverses them).
  def deep_new(%Nx.Tensor{} = t, fun), do: fun.(t)
  def deep_new(n, fun) when is_number(n), do: fun.(Nx.tensor(n))
  def deep_new(t, fun) when is_tuple(t), do: t |> Tuple.to_list() |> Enum.map(&deep_new(&1, fun)) |> List.to_tuple()
  def deep_new(%_{} = other, _fun), do: bad_container!(other)
  def deep_new(m, fun) when is_map(m), do: Map.new(m, fn {k, v} -> {k, deep_new(v, fun)} end)
  def deep_new(other, _fun), do: bad_container!(other)

  @doc false
  def deep_merge(left, right, fun) do
    case merge(left, leaves(right), fun) do
      {merged, []} -> merged
      _ -> raise ArgumentError, "unable to merge arguments with incompatible structure"
    end
  end

  defp merge(%Nx.Tensor{} = x, [y | rest], fun), do: {fun.(x, y), rest}
  defp merge(n, list, fun) when is_number(n), do: merge(Nx.tensor(n), list, fun)
  defp merge(_leaf, [], _fun), do: raise(ArgumentError, "unable to merge arguments with incompatible structure")

  defp merge(t, list, fun) when is_tuple(t) do
    {items, rest} = t |> Tuple.to_list() |> Enum.map_reduce(list, &merge(&1, &2, fun))
    {List.to_tuple(items), rest}
  end

  defp merge(%_{} = other, _list, _fun), do: bad_container!(other)

  defp merge(m, list, fun) when is_map(m) do
    {items, rest} =
      m
      |> Enum.sort()
      |> Enum.map_reduce(list, fn {k, v}, acc ->
        {v, acc} = merge(v, acc, fun)
        {{k, v}, acc}
      end)

    {Map.new(items), rest}
  end

  defp merge(other, _list, _fun), do: bad_container!(other)

  defp leaves(%Nx.Tensor{} = t), do: [t]
  defp leaves(n) when is_number(n), do: [Nx.tensor(n)]
  defp leaves(t) when is_tuple(t), do: t |> Tuple.to_list() |> Enum.flat_map(&leaves/1)
  defp leaves(%_{} = other), do: bad_container!(other)
  defp leaves(m) when is_map(m), do: m |> Enum.sort() |> Enum.flat_map(fn {_, v} -> leaves(v) end)
  defp leaves(other), do: bad_container!(other)

  defp bad_container!(other) do
    raise ArgumentError,
          "expected a tensor, a number, or a tuple or map of them (possibly nested), got: #{inspect(other)}"
  end

  defp keyword!(opts, spec), do: Nx.keyword!(opts, spec)
end

defmodule Polaris.Optimizers do
  @moduledoc false
  # sgd/adam/adamw of Polaris 0.1 (keyword options, learning_rate: included).
  alias Polaris.Updates

  def sgd(opts \\ []) do
    {learning_rate, opts} = Keyword.pop(opts, :learning_rate, 1.0e-2)
    momentum = opts[:momentum]
    nesterov? = opts[:nesterov] || false

    if momentum do
      Updates.trace(decay: momentum, nesterov: nesterov?)
      |> scale_by_learning_rate(learning_rate)
    else
      scale_by_learning_rate(learning_rate)
    end
  end

  def adam(opts \\ []) do
    {learning_rate, opts} = Keyword.pop(opts, :learning_rate, 1.0e-3)

    Updates.scale_by_adam(opts)
    |> scale_by_learning_rate(learning_rate)
  end

  def adamw(opts \\ []) do
    {learning_rate, opts} = Keyword.pop(opts, :learning_rate, 1.0e-3)
    {decay, opts} = Keyword.pop(opts, :decay, 0.0)

    Updates.scale_by_adam(opts)
    |> Updates.add_decayed_weights(decay: decay)
    |> scale_by_learning_rate(learning_rate)
  end

  for name <- [:adabelief, :adagrad, :lamb, :noisy_sgd, :radam, :rmsprop, :yogi] do
    def unquote(name)(_opts \\ []) do
      raise ArgumentError,
            "Polaris.Optimizers.#{unquote(name)}/1 is outside the hastec Polaris subset (sgd, adam, adamw)"
    end
  end

  defp scale_by_learning_rate(combinator \\ Updates.identity(), lr)

  defp scale_by_learning_rate(combinator, schedule) when is_function(schedule, 1) do
    Updates.scale_by_schedule(combinator, fn count -> Nx.negate(schedule.(count)) end)
  end

  defp scale_by_learning_rate(combinator, lr) when is_number(lr) do
    Updates.scale_by_state(combinator, -lr)
  end

  defp scale_by_learning_rate(_combinator, lr) do
    raise ArgumentError, "expected :learning_rate to be a number or a schedule function of arity 1, got: #{inspect(lr)}"
  end
end
