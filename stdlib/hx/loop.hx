# hastec's fit loop (docs/training.md), compiled with the user's program.
#
# `Hx.Loop.run/4` (frontend/Sema.cpp, "fit loop") reads its keyword options at
# compile time and instantiates this module once per set of options, with the
# module attributes below bound to them; `trainer/3` is lowered there too.
# The loop is ordinary hastec code: tail-recursive epochs and steps, the
# user's model and loss called as function values inside `defn` (so the
# gradient, the optimizer update and the step fuse), and `Hx.Loop.Runtime`
# calls into libhxrt (runtime/loop.c) for the clock, the permutation, the
# progress output, checkpoints and the chart. Under real Elixir the same
# loop is stdlib/ref/fit.exs, in plain Elixir.
#
# Attributes: @epochs @batch_size @steps (batches per epoch) @n_train
# @val (validation rows given) @monitor @patience @seed @shuffle @has_ckpt
# @ckpt @has_chart @chart.
defmodule Hx.Loop do
  import Nx.Defn

  # ---- losses (y_true, y_pred), Axon's formulas, means over the batch ----

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

  # ---- accuracy (y_true, y_pred) ----

  defn accuracy_binary(y, p), do: Nx.mean(Nx.equal(Nx.greater(p, 0.5), Nx.greater(y, 0.5)))
  defn accuracy_onehot(y, p), do: Nx.mean(Nx.equal(Nx.argmax(p, axis: -1), Nx.argmax(y, axis: -1)))
  defn accuracy_sparse(y, p), do: Nx.mean(Nx.equal(Nx.argmax(p, axis: -1), y))
  defn accuracy_none(_y, _p), do: Nx.tensor(:nan)

  # ---- one step: gradient, optimizer update, new parameters ----

  defn train_step(params, state, xb, yb, model, loss, update_fn) do
    {l, g} = value_and_grad(params, fn p -> loss.(yb, model.(p, xb)) end)
    {u, state} = update_fn.(g, state, params)
    {Polaris.Updates.apply_updates(params, u), state, l}
  end

  defn metrics(params, x, y, model, loss, acc) do
    p = model.(params, x)
    {loss.(y, p), acc.(y, p)}
  end

  # ---- the loop ----

  # xt, yt: the training rows; xv, yv: the validation rows (when @val)
  def fit(model, loss, {init_fn, update_fn}, acc, xt, yt, xv, yv, params) do
    hist = Nx.broadcast(Nx.tensor(:nan), {@epochs, 4})
    {p, hist, e} = epochs(1, params, init_fn.(params), params, 0.0, 0, hist, model, loss, update_fn, acc, xt, yt, xv, yv)
    done = if @has_chart, do: Hx.Loop.Runtime.chart(@chart, hist, e), else: 0
    finish(done, p)
  end

  defp finish(_done, p), do: p

  defp epochs(e, p, _s, best_p, _best, best_e, hist, _model, _loss, _upd, _acc, _xt, _yt, _xv, _yv)
       when e > @epochs do
    # early stopping is off or never triggered: the last parameters, or the
    # best ones when a validation loss was monitored
    if @patience > 0 and best_e > 0, do: {best_p, hist, @epochs}, else: {p, hist, @epochs}
  end

  defp epochs(e, p, s, best_p, best, best_e, hist, model, loss, upd, acc, xt, yt, xv, yv) do
    t = Hx.Loop.Runtime.clock()
    perm = Hx.Loop.Runtime.permutation(@n_train, @seed, e, @shuffle)
    {p, s, total} = steps(0, perm, p, s, 0.0, t, e, model, loss, upd, xt, yt)
    l = total / @steps
    a = Nx.to_number(acc.(yt, model.(p, xt)))
    {vl, va} = validate(@val, p, xv, yv, model, loss, acc)
    secs = Hx.Loop.Runtime.clock() - t
    r = Hx.Loop.Runtime.report(1, e, @epochs, @steps, @steps, l, a, vl, va, secs, "")
    hist = record(hist, e, l, a, vl, va, r)
    m = if @val, do: vl, else: l
    improved = best_e == 0 or m < best
    saved = if improved and @has_ckpt, do: save(p, e), else: 0
    {best_p, best, best_e} = if improved, do: {p, m, e}, else: {best_p, best, best_e}
    if @patience > 0 and e - best_e >= @patience and saved == 0 do
      done = Hx.Loop.Runtime.report(2, e, @epochs, best_e, @patience, best, 0.0, 0.0, 0.0, 0.0, @monitor)
      stopped(done, best_p, hist, e)
    else
      epochs(e + 1, p, s, best_p, best, best_e, hist, model, loss, upd, acc, xt, yt, xv, yv)
    end
  end

  defp stopped(_done, p, hist, e), do: {p, hist, e}

  defp save(p, e) do
    _ = Hx.Checkpoint.save!(p, @ckpt)
    Hx.Loop.Runtime.report(3, e, @epochs, 0, 0, 0.0, 0.0, 0.0, 0.0, 0.0, @ckpt)
  end

  defp validate(true, p, xv, yv, model, loss, acc) do
    {vl, va} = metrics(p, xv, yv, model, loss, acc)
    {Nx.to_number(vl), Nx.to_number(va)}
  end

  defp validate(false, _p, _xv, _yv, _model, _loss, _acc), do: {Hx.Loop.Runtime.nan(), Hx.Loop.Runtime.nan()}

  # row e - 1 of the history becomes {l, a, vl, va}
  defp record(hist, e, l, a, vl, va, _after) do
    col = Nx.iota({1, 4}, axis: 1)
    row = Nx.select(Nx.equal(col, 0), l, Nx.select(Nx.equal(col, 1), a, Nx.select(Nx.equal(col, 2), vl, va)))
    Nx.select(Nx.equal(Nx.iota({@epochs, 4}, axis: 0), e - 1), row, hist)
  end

  defp steps(i, _perm, p, s, total, _t, _e, _model, _loss, _upd, _xt, _yt) when i == @steps, do: {p, s, total}

  defp steps(i, perm, p, s, total, t, e, model, loss, upd, xt, yt) do
    idx = Nx.slice(perm, [i * @batch_size], [@batch_size])
    {p, s, l} = train_step(p, s, Nx.take(xt, idx), Nx.take(yt, idx), model, loss, upd)
    total = total + Nx.to_number(l)
    r = Hx.Loop.Runtime.report(0, e, @epochs, i + 1, @steps, total / (i + 1), Hx.Loop.Runtime.nan(),
                               Hx.Loop.Runtime.nan(), Hx.Loop.Runtime.nan(), Hx.Loop.Runtime.clock() - t, "")
    steps(i + 1 + r, perm, p, s, total, t, e, model, loss, upd, xt, yt)
  end
end
