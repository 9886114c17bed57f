# Enum.scan feeding maps, filters and a reduction: hastec runs the scan and
# its consumers in one loop (no scan list) unless both sides can raise, and
# must raise what Elixir raises (Elixir completes the scan first).
defmodule ScanStream do
  @spec sum_doubled([integer()]) :: integer()
  def sum_doubled(xs), do: xs |> Enum.map(&(&1 + 1)) |> Enum.scan(fn x, a -> x + a end) |> Enum.map(&(&1 * 2)) |> Enum.sum()
  def count_big(n), do: 1..n |> Enum.scan(0, fn x, a -> a + x end) |> Enum.filter(&(&1 > 10)) |> Enum.count()
  def max_of(xs), do: xs |> Enum.scan(fn x, a -> max(x, a) end) |> Enum.map(&(&1 - 1)) |> Enum.max()
  @spec listed([integer()]) :: [float()]
  def listed(xs), do: xs |> Enum.scan(fn x, a -> x * a end) |> Enum.map(&(&1 + 0.5))
  def listed_filtered(n), do: 1..n |> Enum.scan(fn x, a -> x + a end) |> Enum.filter(&(rem(&1, 3) == 0)) |> Enum.map(&div(&1, 3))
  # the consumer raises (the scan cannot): Elixir completes the scan, then the map raises
  def consumer_raises(xs), do: xs |> Enum.scan(fn x, a -> x + a end) |> Enum.map(&div(100, &1)) |> Enum.sum()
  # the scan raises (the consumer cannot)
  def scan_raises(xs), do: xs |> Enum.scan(fn x, a -> div(a, x) end) |> Enum.map(&(&1 + 1)) |> Enum.sum()
  # both can raise: the scan's error comes first in Elixir even when the map would fail earlier
  def both_raise(xs), do: xs |> Enum.scan(fn x, a -> div(a, x) end) |> Enum.map(&div(10, &1)) |> Enum.sum()
  @spec empty_max([integer()]) :: integer()
  def empty_max(xs), do: xs |> Enum.scan(fn x, a -> x + a end) |> Enum.map(&(&1 * 2)) |> Enum.max()
  def floats(xs), do: xs |> Enum.scan(fn x, a -> x * 0.5 + a end) |> Enum.map(&:math.sqrt/1) |> Enum.sum()
end
# CALL: ScanStream.sum_doubled([1, 2, 3, 4])
# CALL: ScanStream.sum_doubled([])
# CALL: ScanStream.count_big(10)
# CALL: ScanStream.count_big(0)
# CALL: ScanStream.max_of([3, 1, 4, 1, 5, 9, 2, 6])
# CALL: ScanStream.listed([1, 2, 3, 4, 5])
# CALL: ScanStream.listed([])
# CALL: ScanStream.listed_filtered(12)
# CALL: ScanStream.consumer_raises([1, 2, -3, 4])
# CALL: ScanStream.consumer_raises([1, 2, 3])
# CALL: ScanStream.scan_raises([100, 5, 0, 2])
# CALL: ScanStream.scan_raises([100, 5, 2])
# CALL: ScanStream.both_raise([0, 5, 0])
# CALL: ScanStream.both_raise([10, 0, 3])
# CALL: ScanStream.both_raise([100, 5, 2])
# CALL: ScanStream.empty_max([])
# CALL: ScanStream.empty_max([2, -7])
# CALL: ScanStream.floats([1.0, 2.0, 3.0])
