# Aggregates of lists that filters emptied (Enum.sum/1 of an empty float
# list: see bug_empty_float_sum.hx).
defmodule EmptyAggregates do
  def int_sum(n), do: Enum.sum(Enum.filter(1..n, fn x -> x > n end))
  def int_product(n), do: Enum.product(Enum.filter(1..n, fn x -> x > n end))
  def int_count(n), do: Enum.count(Enum.filter(1..n, fn x -> x > n end))
  def int_len(n), do: length(Enum.filter(1..n, fn x -> x > n end))
  def int_list(n), do: Enum.to_list(Enum.filter(1..n, fn x -> x > n end))
  def float_list(xs), do: Enum.filter(xs, fn x -> x > 10.0 end)
  def bool_list(bs), do: Enum.reject(bs, fn b -> b or not b end)
  def float_sum_nonempty(xs), do: Enum.sum(Enum.filter(xs, fn x -> x > 0.0 end))
  def reduce_empty(n), do: Enum.reduce(Enum.filter(1..n, fn x -> x < 0 end), 0.5, fn x, acc -> acc + x end)
end
# CALL: EmptyAggregates.int_sum(5)
# CALL: EmptyAggregates.int_product(5)
# CALL: EmptyAggregates.int_count(5)
# CALL: EmptyAggregates.int_len(5)
# CALL: EmptyAggregates.int_list(5)
# CALL: EmptyAggregates.float_list([1.0, 2.0])
# CALL: EmptyAggregates.bool_list([true, false])
# CALL: EmptyAggregates.float_sum_nonempty([1.5, -2.0, 2.5])
# CALL: EmptyAggregates.reduce_empty(3)
