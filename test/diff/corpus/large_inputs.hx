# Inputs beyond hastec's parallel grain (8192 elements): chunked maps,
# filters (order must be kept), counts, min/max, sequential float reduce,
# integer sums, and errors raised inside parallel chunks (the first one in
# list order wins). Float Enum.sum over big lists: bug_parallel_float_sum.hx.
defmodule LargeInputs do
  def isum(n), do: Enum.sum(Enum.map(1..n, fn i -> rem(i * i, 1000) end))
  def filt(n), do: Enum.filter(1..n, fn i -> rem(i, 9973) == 0 end)
  def filt_count(n), do: Enum.count(1..n, fn i -> rem(i, 7) == 0 end)
  def fmax(n), do: Enum.max(Enum.map(1..n, fn i -> rem(i * 7919, 100_003) end))
  def fmin(n), do: Enum.min(Enum.map(1..n, fn i -> 1.0 / i end))
  def fsum_reduce(n), do: Enum.reduce(1..n, 0.0, fn i, acc -> acc + 1 / i end)
  def float_reduce_list(n), do: Enum.reduce(Enum.map(1..n, fn i -> i / 3 end), 0.0, fn x, acc -> acc * 0.999 + x end)
  def range_sum(n), do: Enum.sum(1..n)
  def chain(n) do
    1..n
    |> Enum.map(fn i -> rem(i * 31, 1009) end)
    |> Enum.filter(fn x -> x > 500 end)
    |> Enum.map(fn x -> x * 2 end)
    |> Enum.reject(fn x -> rem(x, 3) == 0 end)
    |> Enum.count()
  end
  def tail_of(n), do: Enum.filter(Enum.map(1..n, fn i -> i * 3 end), fn x -> x > 3 * n - 15 end)
  def order_filter(n) do
    1..n
    |> Enum.map(fn i -> div(100, n - i) end)
    |> Enum.filter(fn x -> x > 0 end)
    |> Enum.max()
  end
  def two_errors(n), do: Enum.map(1..n, fn i -> if i == 50_000, do: div(1, 0), else: only_small(i - 90_000 + 1) end)
  def two_errors_b(n), do: Enum.map(1..n, fn i -> if i == 95_000, do: div(1, 0), else: only_small(i - 90_000 + 1) end)
  def late_error(n), do: Enum.sum(Enum.map(1..n, fn i -> div(1, n - i) end))
  def empty_after_filter(n), do: Enum.max(Enum.filter(1..n, fn i -> i > n end))
  defp only_small(x) when x < 10, do: x
end
# CALL: LargeInputs.isum(1_000_000)
# CALL: LargeInputs.filt(100_000)
# CALL: LargeInputs.filt_count(1_000_000)
# CALL: LargeInputs.fmax(200_000)
# CALL: LargeInputs.fmin(100_000)
# CALL: LargeInputs.fsum_reduce(100_000)
# CALL: LargeInputs.float_reduce_list(100_000)
# CALL: LargeInputs.range_sum(10_000_000)
# CALL: LargeInputs.chain(100_000)
# CALL: LargeInputs.tail_of(50_000)
# CALL: LargeInputs.order_filter(100_000)
# CALL: LargeInputs.two_errors(100_000)
# CALL: LargeInputs.two_errors_b(100_000)
# CALL: LargeInputs.late_error(100_000)
# CALL: LargeInputs.empty_after_filter(100_000)
