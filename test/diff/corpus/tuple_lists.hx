# Lists of tuples (stored as columns, docs/c-abi.md): zip, with_index, sort of
# tuples, filters that shorten a list of tuples before it is read again,
# reverse/take/drop, nested tuples, booleans and lists as members, lists of
# tuples passed in, returned, and held inside tuples.
defmodule TupleLists do
  def zipped(xs, ys), do: Enum.zip(xs, ys)
  def zip_sorted(xs, ys), do: Enum.zip(xs, ys) |> Enum.sort()
  def zip_sorted_desc(xs, ys), do: Enum.zip(xs, ys) |> Enum.sort(:desc)
  def zip_sort_sum(xs, ys), do: Enum.zip(xs, ys) |> Enum.sort() |> Enum.map(fn {a, b} -> a * b end) |> Enum.sum()
  def indexed(xs), do: Enum.with_index(xs)
  def indexed_from(xs, k), do: Enum.with_index(xs, k)

  def big_sorted(n) do
    1..n
    |> Enum.map(fn i -> {rem(i * 7919, 13), rem(i * 104_729, 1000) / 8} end)
    |> Enum.sort()
    |> Enum.with_index()
    |> Enum.map(fn {{a, b}, i} -> a * i + b end)
    |> Enum.sum()
  end

  # a filter's output is shorter than what was allocated for it
  def kept(xs, ys, k) do
    ps = Enum.zip(xs, ys) |> Enum.filter(fn {a, _} -> a > k end)
    {ps, length(ps), Enum.map(ps, fn {a, b} -> a + b end)}
  end

  def kept_sorted(n, k) do
    1..n
    |> Enum.map(fn i -> {rem(i * 31, 17), i} end)
    |> Enum.filter(fn {a, _} -> a < k end)
    |> Enum.sort(:desc)
  end

  def kept_sorted_len(n, k), do: length(kept_sorted(n, k))

  def rev(xs), do: xs |> Enum.with_index() |> Enum.reverse()
  def firsts(xs, k), do: xs |> Enum.with_index() |> Enum.sort(:desc) |> Enum.take(k)
  def lasts(xs, k), do: xs |> Enum.with_index() |> Enum.sort() |> Enum.drop(k)

  def nested(xs), do: Enum.map(xs, fn x -> {x, {x * 2.5, x > 2}} end)
  def nested_sorted(xs), do: xs |> Enum.map(fn x -> {rem(x, 3) == 0, {rem(x, 4), -x}} end) |> Enum.sort()
  def flags(xs), do: Enum.map(xs, fn x -> {x > 0, x} end)
  def with_lists(n), do: Enum.map(1..n, fn i -> {i, Enum.to_list(1..i)} end)

  def sum_pairs(ps), do: Enum.reduce(ps, 0.0, fn {k, v}, acc -> acc + k * v end)
  def echo(ps), do: ps
  def swap(ps), do: Enum.map(ps, fn {a, b} -> {b, a} end)
  def last_pair(ps), do: ps |> Enum.reverse() |> Enum.take(1)
  def pair_of_lists(xs), do: {Enum.with_index(xs), Enum.sort(Enum.zip(xs, Enum.reverse(xs)))}
  def count_big(ps, k), do: Enum.count(ps, fn {a, _} -> a > k end)
  def min_max(ps), do: {Enum.min_by(ps, fn {_, b} -> b end), Enum.max_by(ps, fn {_, b} -> b end)}
end
# CALL: TupleLists.zipped([1, 2, 3], [4.5, 5.5])
# CALL: TupleLists.zipped([1], [2, 3])
# CALL: TupleLists.zip_sorted([3, 1, 2, 1], [0.5, 2.0, -1.0, 1.0])
# CALL: TupleLists.zip_sorted([2, 2, 1], [true, false, true])
# CALL: TupleLists.zip_sorted_desc([3, 1, 2, 1, 3], [1, 2, 3, 4, 0])
# CALL: TupleLists.zip_sort_sum([5, 3, 9, 1, 7, 2, 8, 6, 4, 0, 11, 10], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])
# CALL: TupleLists.indexed([7, 8, 9])
# CALL: TupleLists.indexed_from([1.5, 2.5], 10)
# CALL: TupleLists.big_sorted(100000)
# CALL: TupleLists.kept([1, 5, 2, 8, 3, 9], [10, 20, 30, 40, 50, 60], 2)
# CALL: TupleLists.kept([1, 2], [3, 4], 10)
# CALL: TupleLists.kept_sorted_len(50000, 3)
# CALL: TupleLists.kept_sorted(60, 2)
# CALL: TupleLists.rev([3, 1, 2])
# CALL: TupleLists.firsts([4, 9, 1, 9, 3], 3)
# CALL: TupleLists.lasts([4, 9, 1, 9, 3], 2)
# CALL: TupleLists.nested([1, 2, 3])
# CALL: TupleLists.nested_sorted([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])
# CALL: TupleLists.flags([1, -1, 0, 2])
# CALL: TupleLists.with_lists(3)
# CALL: TupleLists.sum_pairs([{1, 0.5}, {2, 1.5}, {3, 2.5}])
# CALL: TupleLists.echo([{1, 2.0}, {3, 4.0}])
# CALL: TupleLists.swap([{1, 2.0}, {3, 4.0}])
# CALL: TupleLists.last_pair([{1, 2.0}, {3, 4.0}, {5, 6.0}])
# CALL: TupleLists.pair_of_lists([3, 1, 2])
# CALL: TupleLists.count_big([{1, 2}, {5, 6}, {7, 8}], 4)
# CALL: TupleLists.min_max([{1, 2.5}, {5, -6.0}, {7, 8.0}])
