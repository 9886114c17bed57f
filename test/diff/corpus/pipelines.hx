# Longer data-parallel pipelines in the style of the Hastega benchmarks:
# chains of maps (fusable), modular arithmetic, captures with closures.
defmodule Pipelines do
  @mu 22
  @p 6_700_417

  def logistic(n, p) do
    1..n
    |> Enum.map(&step(&1, p))
    |> Enum.map(&step(&1, p))
    |> Enum.map(&step(&1, p))
  end

  def logistic_sum(n) do
    1..n
    |> Enum.map(&step/1)
    |> Enum.map(&step/1)
    |> Enum.map(&step/1)
    |> Enum.map(&step/1)
    |> Enum.sum()
  end

  def map_filter_sum(n) do
    1..n
    |> Enum.map(fn x -> rem(x * x, 97) end)
    |> Enum.filter(fn x -> x > 50 end)
    |> Enum.map(fn x -> x * 2 end)
    |> Enum.sum()
  end

  def float_pipeline(n) do
    1..n
    |> Enum.map(fn i -> i / n end)
    |> Enum.map(fn x -> 4.0 * x * (1.0 - x) end)
    |> Enum.map(fn x -> 4.0 * x * (1.0 - x) end)
    |> Enum.reduce(0.0, fn x, acc -> acc + x end)
  end

  def primes(n), do: Enum.filter(2..n, fn k -> prime?(k) end)
  def prime_count(n), do: Enum.count(2..n, &prime?/1)

  def dot(n), do: Enum.sum(Enum.map(1..n, fn i -> i * (n - i) end))

  defp prime?(k), do: Enum.count(2..k, fn d -> rem(k, d) == 0 end) == 1

  defp step(x), do: rem(@mu * x * (x + 1), @p)
  defp step(x, p), do: rem(@mu * x * (x + 1), p)
end
# CALL: Pipelines.logistic(5, 61)
# CALL: Pipelines.logistic(3, 1_000_003)
# CALL: Pipelines.logistic_sum(1000)
# CALL: Pipelines.logistic_sum(1)
# CALL: Pipelines.map_filter_sum(1000)
# CALL: Pipelines.float_pipeline(10)
# CALL: Pipelines.float_pipeline(1000)
# CALL: Pipelines.primes(50)
# CALL: Pipelines.prime_count(1000)
# CALL: Pipelines.dot(100)
