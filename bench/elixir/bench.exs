# Elixir, the language hastec compiles a subset of, running the very same
# .hx files (loaded with `elixir -r`), at a small n because the BEAM is
# orders of magnitude slower. bench/run.sh runs:
#
#   elixir -r samples/logistic_map.hx -r bench/programs/chain.hx \
#          -r bench/programs/chain_f32.hx -r bench/programs/chain_nosqrt.hx \
#          bench/elixir/bench.exs N A B T </dev/null
#
# Prints one JSON line per benchmark in bench/c/bench_common.h's format.
# Timing: :erlang.monotonic_time around the call only (the input list is
# built before); BENCH_REPS / BENCH_MIN_REPS / BENCH_BUDGET_S / BENCH_MAX_S as elsewhere.
# Elixir has one float type, so the f32 chain runs on 64-bit floats here.
defmodule HxBench do
  def env_int(name, dflt) do
    case System.get_env(name) do
      nil -> dflt
      "" -> dflt
      s -> String.to_integer(s)
    end
  end

  def env_float(name, dflt) do
    case System.get_env(name) do
      nil -> dflt
      "" -> dflt
      s -> elem(Float.parse(s), 0)
    end
  end

  def timed(fun) do
    mx = max(1, env_int("BENCH_REPS", 5))
    mn = min(mx, max(1, env_int("BENCH_MIN_REPS", 3)))
    budget = env_float("BENCH_BUDGET_S", 4.0)
    max_s = env_float("BENCH_MAX_S", 10.0)
    loop(fun, {mn, mx, budget, max_s}, [], 0.0, nil)
  end

  defp loop(fun, {mn, mx, budget, max_s} = policy, times, total, value) do
    k = length(times)

    if k >= mx or (k >= 2 and total >= max_s) or (k >= mn and total >= budget) do
      {value, Enum.reverse(times)}
    else
      t0 = :erlang.monotonic_time(:nanosecond)
      v = fun.()
      dt = (:erlang.monotonic_time(:nanosecond) - t0) / 1.0e9
      loop(fun, policy, [dt | times], total + dt, summarize(v))
    end
  end

  def summarize(v) when is_list(v), do: %{len: length(v), sum: Enum.sum(v)}
  def summarize(v), do: v

  def json(v) when is_integer(v), do: Integer.to_string(v)
  def json(v) when is_float(v), do: Float.to_string(v)
  def json(%{len: l, sum: s}), do: "{\"len\": #{l}, \"sum\": #{json(s)}}"

  def emit(bench, n, {value, times}) do
    sorted = Enum.sort(times)
    k = length(sorted)

    median =
      if rem(k, 2) == 1,
        do: Enum.at(sorted, div(k, 2)),
        else: (Enum.at(sorted, div(k, 2) - 1) + Enum.at(sorted, div(k, 2))) / 2

    IO.puts(
      "{\"bench\": \"#{bench}\", \"impl\": \"elixir\", \"n\": #{n}, \"value\": #{json(value)}, " <>
        "\"min_s\": #{hd(sorted)}, \"median_s\": #{median}, \"reps\": #{k}, \"threads\": \"1\", " <>
        "\"otp\": \"#{System.otp_release()}\", \"elixir\": \"#{System.version()}\"}"
    )
  end
end

[n_s, a_s, b_s, t_s] = System.argv()
n = String.to_integer(n_s)
{a, ""} = Float.parse(a_s)
{b, ""} = Float.parse(b_s)
{t, ""} = Float.parse(t_s)
p = 6_700_417

HxBench.emit("map_sum", n, HxBench.timed(fn -> LogisticMap.map_sum(n, p) end))
HxBench.emit("sum", n, HxBench.timed(fn -> LogisticMap.sum(n) end))
HxBench.emit("map_list", n, HxBench.timed(fn -> LogisticMap.map_list(n, p) end))

xs = for i <- 0..(n - 1), do: Bitwise.band(i, 1023) / 1024
HxBench.emit("f64_sqrt", n, HxBench.timed(fn -> Chain.sqrt_sum(xs, a, b, t) end))
HxBench.emit("f32_sqrt", n, HxBench.timed(fn -> ChainF32.sqrt_sum(xs, a, b, t) end))
HxBench.emit("f64_affine", n, HxBench.timed(fn -> ChainNoSqrt.affine_sum(xs, a, b, t) end))
