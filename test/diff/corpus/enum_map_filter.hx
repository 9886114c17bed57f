# Enum.map / filter / reject on lists and ranges, including filters that
# remove everything and chains of them.
defmodule EnumMapFilter do
  def evens(n), do: Enum.filter(1..n, fn x -> rem(x, 2) == 0 end)
  def odds(n), do: Enum.reject(1..n, fn x -> rem(x, 2) == 0 end)
  def none(n), do: Enum.filter(1..n, fn x -> x > n end)
  def none_reject(n), do: Enum.reject(1..n, fn _ -> true end)
  def all(n), do: Enum.filter(1..n, fn _ -> true end)
  def map_list(xs), do: Enum.map(xs, fn x -> x * 3 - 1 end)
  def to_float(xs), do: Enum.map(xs, fn x -> x / 1 end)
  def to_bool(xs), do: Enum.map(xs, fn x -> x > 2 end)
  def chain(n) do
    1..n
    |> Enum.map(fn x -> x * x end)
    |> Enum.filter(fn x -> rem(x, 3) != 0 end)
    |> Enum.reject(fn x -> x > 50 end)
    |> Enum.map(fn x -> x - 1 end)
  end
  def sum_of_none(n), do: Enum.sum(Enum.filter(1..n, fn x -> x < 0 end))
  def product_of_none(n), do: Enum.product(Enum.filter(1..n, fn x -> x < 0 end))
  def count_of_none(n), do: Enum.count(Enum.filter(1..n, fn x -> x < 0 end))
  def float_filter(xs), do: Enum.filter(xs, fn x -> x > 0.5 end)
  def bool_filter(bs), do: Enum.filter(bs, fn b -> b end)
  def map_after_empty(n), do: 1..n |> Enum.filter(fn x -> x > 100 end) |> Enum.map(fn x -> x * 2 end)
  def many_maps(n) do
    1..n
    |> Enum.map(fn x -> x + 1 end)
    |> Enum.map(fn x -> x * 2 end)
    |> Enum.map(fn x -> x - 3 end)
    |> Enum.map(fn x -> rem(x, 7) end)
  end
end
# CALL: EnumMapFilter.evens(10)
# CALL: EnumMapFilter.odds(10)
# CALL: EnumMapFilter.none(10)
# CALL: EnumMapFilter.none_reject(5)
# CALL: EnumMapFilter.all(3)
# CALL: EnumMapFilter.map_list([1, 2, 3])
# CALL: EnumMapFilter.map_list([-4])
# CALL: EnumMapFilter.to_float([1, 2, 3])
# CALL: EnumMapFilter.to_bool([1, 2, 3, 4])
# CALL: EnumMapFilter.chain(12)
# CALL: EnumMapFilter.chain(1)
# CALL: EnumMapFilter.sum_of_none(10)
# CALL: EnumMapFilter.product_of_none(10)
# CALL: EnumMapFilter.count_of_none(10)
# CALL: EnumMapFilter.float_filter([0.1, 0.9, 0.5, 0.51])
# CALL: EnumMapFilter.bool_filter([true, false, true])
# CALL: EnumMapFilter.bool_filter([false])
# CALL: EnumMapFilter.map_after_empty(10)
# CALL: EnumMapFilter.many_maps(10)
