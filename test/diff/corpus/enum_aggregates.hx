# Enum.sum/product/count/min/max/to_list over lists and ranges.
defmodule EnumAggregates do
  def stats(xs), do: [Enum.sum(xs), Enum.product(xs), Enum.count(xs), Enum.min(xs), Enum.max(xs)]
  def fstats(xs), do: [Enum.sum(xs), Enum.product(xs), Enum.min(xs), Enum.max(xs)]
  def count_if(xs), do: Enum.count(xs, fn x -> x > 2 end)
  def count_bools(bs), do: [Enum.count(bs), Enum.count(bs, fn b -> not b end)]
  def range_stats(n), do: [Enum.sum(1..n), Enum.product(1..n), Enum.count(1..n), Enum.min(1..n), Enum.max(1..n)]
  def to_list(xs), do: Enum.to_list(xs)
  @spec to_list_spec([integer()]) :: [integer()]
  def to_list_spec(xs), do: Enum.to_list(xs)
  @spec count_if_spec([integer()]) :: integer()
  def count_if_spec(xs), do: Enum.count(xs, fn x -> x > 2 end)
  def to_list_range(a, b), do: Enum.to_list(a..b)
  def min_max_float(xs), do: Enum.max(xs) - Enum.min(xs)
  def count_range(n), do: Enum.count(1..n, fn x -> rem(x, 3) == 0 end)
  def sum_mapped(n), do: Enum.sum(Enum.map(1..n, fn x -> x / 2 end))
  def product_floats(n), do: Enum.product(Enum.map(1..n, fn x -> x * 0.5 end))
  def length_mapped(xs), do: length(Enum.map(xs, fn x -> x end))
  def min_neg(), do: Enum.min([-3, -9, 4])
  def max_dup(), do: Enum.max([5, 5, 1])
end
# CALL: EnumAggregates.stats([3, 1, 4, 1, 5])
# CALL: EnumAggregates.stats([-2])
# CALL: EnumAggregates.stats([0, -7, 7])
# CALL: EnumAggregates.fstats([1.5, -2.0, 4.0])
# CALL: EnumAggregates.fstats([0.1, 0.2])
# CALL: EnumAggregates.count_if([1, 2, 3, 4])
# CALL: EnumAggregates.count_bools([true, false, false])
# CALL: EnumAggregates.range_stats(10)
# CALL: EnumAggregates.range_stats(1)
# CALL: EnumAggregates.range_stats(-3)
# CALL: EnumAggregates.to_list([4, 5])
# CALL: EnumAggregates.to_list([1.5])
# CALL: EnumAggregates.to_list_spec([])
# CALL: EnumAggregates.count_if_spec([])
# CALL: EnumAggregates.to_list_range(3, -1)
# CALL: EnumAggregates.min_max_float([2.5, -1.0, 7.25])
# CALL: EnumAggregates.count_range(30)
# CALL: EnumAggregates.sum_mapped(5)
# CALL: EnumAggregates.product_floats(6)
# CALL: EnumAggregates.length_mapped([1, 2, 3])
# CALL: EnumAggregates.min_neg()
# CALL: EnumAggregates.max_dup()
