# Reference implementation of hastec's fit loop (Hx.Loop.trainer/3,
# Hx.Loop.run/4) and checkpoints (Hx.Checkpoint.save!/2, load!/2) in plain
# Elixir, so that a training program runs under real Elixir as compiled.
# The compiled loop is stdlib/hx/loop.hx; this file follows it step by step
# (same batches, same order of operations, same progress lines), on the Nx
# and Polaris shims and the runtime twin:
#
#   elixir -r stdlib/ref/nx.exs -r stdlib/ref/polaris.exs -r stdlib/ref/loop.exs \
#          -r stdlib/ref/fit.exs prog.hx
#
# Options are those of docs/training.md; like hastec, this file refuses
# unknown ones.

defmodule Hx.Loop.Losses do
  @moduledoc false
  import Nx.Defn

  # The same definitions as stdlib/hx/loop.hx.
  defn mean_squared_error(y, p), do: Nx.mean((y - p) * (y - p))

  defn binary_cross_entropy(y, p) do
    # clamped with max/min, not Nx.clip: Nx 0.9's clip gradient is g * g
    # (stdlib/ref/nx.exs reproduces it), which would train differently
    p = Nx.max(Nx.min(p, 1.0 - 1.0e-7), 1.0e-7)
    -Nx.mean(y * Nx.log(p) + (1.0 - y) * Nx.log(1.0 - p))
  end

  defn categorical_cross_entropy(y, p) do
    -Nx.mean(Nx.sum(y * Nx.log(Nx.max(p, 1.0e-7)), axes: [-1]))
  end

  defn accuracy_binary(y, p), do: Nx.mean(Nx.equal(Nx.greater(p, 0.5), Nx.greater(y, 0.5)))
  defn accuracy_onehot(y, p), do: Nx.mean(Nx.equal(Nx.argmax(p, axis: -1), Nx.argmax(y, axis: -1)))
  defn accuracy_sparse(y, p), do: Nx.mean(Nx.equal(Nx.argmax(p, axis: -1), y))
  defn accuracy_none(_y, _p), do: Nx.tensor(:nan)
end

defmodule Hx.Loop do
  alias Hx.Loop.Losses
  alias Hx.Loop.Runtime

  @losses [:mean_squared_error, :binary_cross_entropy, :categorical_cross_entropy]
  @options [:epochs, :batch_size, :validation_split, :validation_data, :patience, :seed, :shuffle, :checkpoint, :chart, :metrics]

  def trainer(model, loss, {init_fn, update_fn} = _optimizer) when is_function(model, 2) do
    {loss_fn, atom} =
      cond do
        is_atom(loss) and loss in @losses -> {Function.capture(Losses, loss, 2), loss}
        is_atom(loss) -> raise ArgumentError, "unknown loss #{inspect(loss)}"
        is_function(loss, 2) -> {loss, nil}
      end

    {model, loss_fn, atom, {init_fn, update_fn}}
  end

  def run({model, loss, atom, {init_fn, update_fn}}, {x, y}, params, opts \\ []) do
    for {k, _} <- opts, k not in @options, do: raise(ArgumentError, "Hx.Loop.run has no option #{k}:")
    n = elem(Nx.shape(x), 0)
    if elem(Nx.shape(y), 0) != n, do: raise(ArgumentError, "x and y need the same number of rows")
    epochs = Keyword.get(opts, :epochs, 1)
    batch = Keyword.get(opts, :batch_size, 32)
    split = Keyword.get(opts, :validation_split, 0.0)
    patience = Keyword.get(opts, :patience, 0)
    seed = Keyword.get(opts, :seed, 0)
    shuffle = Keyword.get(opts, :shuffle, true)
    ckpt = Keyword.get(opts, :checkpoint)
    chart = Keyword.get(opts, :chart)
    n_val = if split > 0, do: max(1, round(n * split)), else: 0
    vdata = Keyword.get(opts, :validation_data)
    if vdata && n_val > 0, do: raise(ArgumentError, "give validation_split: or validation_data:, not both")
    n_train = n - n_val
    if n_train < batch, do: raise(ArgumentError, "#{n_train} training rows cannot fill one batch of #{batch}")
    steps = div(n_train, batch)

    int_labels = Nx.Type.integer?(Nx.type(y)) and Nx.rank(y) == 1

    if atom == :categorical_cross_entropy and int_labels,
      do: raise(ArgumentError, ":categorical_cross_entropy needs one-hot labels y")

    acc =
      case {Keyword.get(opts, :metrics), int_labels, atom} do
        {[], _, _} -> :accuracy_none
        {_, true, _} -> :accuracy_sparse
        {_, _, :binary_cross_entropy} -> :accuracy_binary
        {_, _, :categorical_cross_entropy} -> :accuracy_onehot
        {[:accuracy], _, _} -> if Nx.rank(y) == 1 or elem(Nx.shape(y), Nx.rank(y) - 1) == 1,
                                 do: :accuracy_binary, else: :accuracy_onehot
        _ -> :accuracy_none
      end

    acc = Function.capture(Losses, acc, 2)

    val = n_val > 0 or vdata != nil

    cfg = %{epochs: epochs, batch: batch, steps: steps, n_train: n_train, val: val, patience: patience,
            seed: seed, shuffle: shuffle, ckpt: ckpt, monitor: if(val, do: "val_loss", else: "loss")}

    xt = Nx.slice_along_axis(x, 0, n_train, axis: 0)
    yt = Nx.slice_along_axis(y, 0, n_train, axis: 0)
    {xv, yv} =
      cond do
        vdata -> vdata
        n_val > 0 -> {Nx.slice_along_axis(x, n_train, n_val, axis: 0), Nx.slice_along_axis(y, n_train, n_val, axis: 0)}
        true -> {x, y}
      end

    fns = {model, loss, update_fn, acc}
    data = {xt, yt, xv, yv}
    {p, hist} = epochs(1, params, init_fn.(params), {params, 0.0, 0}, [], fns, data, cfg)
    if chart, do: Runtime.chart(chart, Enum.reverse(hist))
    p
  end

  defp epochs(e, p, _s, {best_p, _best, best_e}, hist, _fns, _data, %{epochs: epochs} = cfg) when e > epochs do
    if cfg.patience > 0 and best_e > 0, do: {best_p, hist}, else: {p, hist}
  end

  defp epochs(e, p, s, {best_p, best, best_e}, hist, {model, loss, upd, acc} = fns, {xt, yt, xv, yv} = data, cfg) do
    t = Runtime.clock()
    perm =
      if cfg.shuffle,
        do: Nx.tensor(Runtime.permutation(cfg.n_train, cfg.seed, e), type: :s64),
        else: Nx.iota({cfg.n_train}, type: :s64)

    {p, s, total} =
      Enum.reduce(0..(cfg.steps - 1)//1, {p, s, 0.0}, fn i, {p, s, total} ->
        idx = Nx.slice(perm, [i * cfg.batch], [cfg.batch])
        {p, s, l} = train_step(p, s, Nx.take(xt, idx), Nx.take(yt, idx), model, loss, upd)
        {p, s, total + Nx.to_number(l)}
      end)

    l = total / cfg.steps
    a = Nx.to_number(acc.(yt, model.(p, xt)))

    {vl, va} =
      if cfg.val do
        pv = model.(p, xv)
        {Nx.to_number(loss.(yv, pv)), Nx.to_number(acc.(yv, pv))}
      else
        {:nan, :nan}
      end

    Runtime.report(1, e, cfg.epochs, cfg.steps, cfg.steps, l, a, vl, va, Runtime.clock() - t, "")
    hist = [[l, a, vl, va] | hist]
    m = if cfg.val, do: vl, else: l
    improved = best_e == 0 or m < best

    if improved and cfg.ckpt do
      Hx.Checkpoint.save!(p, cfg.ckpt)
      Runtime.report(3, e, cfg.epochs, 0, 0, 0.0, 0.0, 0.0, 0.0, 0.0, cfg.ckpt)
    end

    {best_p, best, best_e} = if improved, do: {p, m, e}, else: {best_p, best, best_e}

    if cfg.patience > 0 and e - best_e >= cfg.patience do
      Runtime.report(2, e, cfg.epochs, best_e, cfg.patience, best, 0.0, 0.0, 0.0, 0.0, cfg.monitor)
      {best_p, hist}
    else
      epochs(e + 1, p, s, {best_p, best, best_e}, hist, fns, data, cfg)
    end
  end

  defp train_step(params, state, xb, yb, model, loss, update_fn) do
    {l, g} = Nx.Defn.Kernel.value_and_grad(params, fn p -> loss.(yb, model.(p, xb)) end)
    {u, state} = update_fn.(g, state, params)
    {Polaris.Updates.apply_updates(params, u), state, l}
  end
end

defmodule Hx.Checkpoint do
  @moduledoc "Parameters to and from a file (docs/training.md, \"Checkpoint format\")."

  def save!(params, path) do
    leaves = leaves(params, "")
    Hx.Loop.Runtime.checkpoint_save(path, Enum.map(leaves, &elem(&1, 0)), Enum.map(leaves, &elem(&1, 1)))
    params
  end

  def load!(path, like) do
    count = length(leaves(like, ""))
    {value, _} = load(like, "", path, 0, count)
    value
  end

  defp leaves(%Nx.Tensor{} = t, name), do: [{if(name == "", do: "tensor", else: name), t}]

  defp leaves(m, name) when is_map(m) do
    m |> Map.keys() |> Enum.sort() |> Enum.flat_map(fn k -> leaves(Map.fetch!(m, k), join(name, Atom.to_string(k))) end)
  end

  defp leaves(t, name) when is_tuple(t) do
    t |> Tuple.to_list() |> Enum.with_index() |> Enum.flat_map(fn {v, i} -> leaves(v, join(name, Integer.to_string(i))) end)
  end

  defp leaves(other, _), do: raise(ArgumentError, "Hx.Checkpoint needs tensors, or tuples and maps of them, got: #{inspect(other)}")

  defp join("", k), do: k
  defp join(name, k), do: name <> "." <> k

  defp load(%Nx.Tensor{} = t, name, path, i, count) do
    name = if name == "", do: "tensor", else: name
    {Hx.Loop.Runtime.checkpoint_load(path, i, count, name, Nx.type(t), Nx.shape(t)), i + 1}
  end

  defp load(m, name, path, i, count) when is_map(m) do
    {pairs, i} =
      m |> Map.keys() |> Enum.sort()
      |> Enum.map_reduce(i, fn k, i ->
        {v, i} = load(Map.fetch!(m, k), join(name, Atom.to_string(k)), path, i, count)
        {{k, v}, i}
      end)

    {Map.new(pairs), i}
  end

  defp load(t, name, path, i, count) when is_tuple(t) do
    {vs, i} =
      t |> Tuple.to_list() |> Enum.with_index()
      |> Enum.map_reduce(i, fn {v, k}, i -> load(v, join(name, Integer.to_string(k)), path, i, count) end)

    {List.to_tuple(vs), i}
  end
end
