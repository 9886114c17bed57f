# Enum.sort of integers, floats and booleans: with --target=opencl these run
# hxrt_cl_sort (the device's radix sort, docs/opencl.md "Sort"); on the CPU
# target hxrt_sort. Sizes around the device's tiles (0, 1, 2, 255, 256, 257,
# 4097, 100_003; 0 is none_sorted), ranges, maps, negative numbers, -0.0 next to 0.0 (equal, so
# they keep their order: atan2(x, -1.0) tells them apart), :desc, and a sort
# followed by sum/take/drop. Big lists are summarised (a weighted sum is
# sensitive to the order), small ones printed.
defmodule SortDevice do
  def ints(n), do: Enum.map(1..n, fn i -> rem(i * 7919, 1009) - 504 end)
  # spread over most of the 64-bit range, both signs
  def wide(n), do: Enum.map(1..n, fn i -> rem(i * 2_654_435_761, 4_294_967_296) * 2_147_483_648 + rem(i * 7919, 65_536) - 4_611_686_018_427_387_904 end)
  def floats(n), do: Enum.map(1..n, fn i -> rem(i * 7919, 2001) / 8 - 125.0 end)

  # sum of x * (index + 1): a different order gives a different sum
  def weighted(xs), do: xs |> Enum.with_index() |> Enum.map(fn {x, i} -> x * (i + 1) end) |> Enum.sum()

  def sorted_ints(n), do: ints(n) |> Enum.sort()
  def sorted_ints_desc(n), do: ints(n) |> Enum.sort(:desc)
  def ints_check(n), do: weighted(Enum.sort(ints(n)))
  def ints_check_desc(n), do: weighted(Enum.sort(ints(n), :desc))
  def wide_check(n) do
    s = Enum.sort(wide(n))
    {Enum.take(s, 2), s |> Enum.with_index() |> Enum.map(fn {x, i} -> rem(x, 1000) * i end) |> Enum.sum()}
  end
  def wide_ends(n) do
    s = Enum.sort(wide(n), :desc)
    {Enum.take(s, 3), Enum.take(Enum.reverse(s), 3)}
  end

  def floats_sorted(n), do: floats(n) |> Enum.sort()
  def floats_check(n), do: weighted(Enum.sort(floats(n)))
  def floats_check_desc(n), do: weighted(Enum.sort(floats(n), :desc))

  # zeros of both signs among other numbers: the sign pattern after sorting
  def zeros(n), do: Enum.map(1..n, fn i -> if rem(i, 3) == 0, do: 0.0 * -1.0, else: rem(i, 5) - 2.0 end)
  def zero_signs(n), do: zeros(n) |> Enum.sort() |> Enum.filter(fn x -> x == 0.0 end) |> Enum.map(fn x -> :math.atan2(x, -1.0) end)
  def zero_signs_desc(n), do: zeros(n) |> Enum.sort(:desc) |> Enum.filter(fn x -> x == 0.0 end) |> Enum.map(fn x -> :math.atan2(x, -1.0) end)
  def zero_weight(n), do: zeros(n) |> Enum.sort() |> Enum.with_index() |> Enum.map(fn {x, i} -> :math.atan2(x, -1.0) * i end) |> Enum.sum()
  def sort_list(xs), do: Enum.sort(xs)
  # no element survives the filter: a sort of 0 elements
  def none_sorted(n), do: ints(n) |> Enum.filter(fn x -> x > 1000 end) |> Enum.sort(:desc)
  def sort_list_desc(xs), do: Enum.sort(xs, :desc)

  def range_sorted(a, b), do: Enum.sort(a..b)
  def range_desc_sum(n), do: Enum.sort(1..n, :desc) |> Enum.take(5)
  def squares_desc(n), do: Enum.map(1..n, fn i -> rem(i * i, 997) end) |> Enum.sort(:desc) |> Enum.take(10)
  def sorted_sum(n), do: ints(n) |> Enum.sort() |> Enum.sum()
  def sorted_drop(n, k), do: ints(n) |> Enum.sort() |> Enum.drop(k) |> Enum.take(4)
  def median(n) do
    s = Enum.sort(floats(n))
    s |> Enum.drop(div(n, 2)) |> Enum.take(1)
  end

  def bools(n), do: Enum.map(1..n, fn i -> rem(i * 7, 5) < 2 end)
  def bools_sorted(n), do: Enum.sort(bools(n))
  def bools_count(n) do
    s = Enum.sort(bools(n), :desc)
    {Enum.take(s, 2), Enum.count(Enum.take(s, div(n, 2)), fn b -> b end)}
  end
end

# CALL: SortDevice.sorted_ints(1)
# CALL: SortDevice.sorted_ints(2)
# CALL: SortDevice.sorted_ints(255)
# CALL: SortDevice.sorted_ints_desc(256)
# CALL: SortDevice.sorted_ints(257)
# CALL: SortDevice.ints_check(4097)
# CALL: SortDevice.ints_check_desc(4097)
# CALL: SortDevice.ints_check(100_003)
# CALL: SortDevice.ints_check_desc(100_003)
# CALL: SortDevice.wide_check(257)
# CALL: SortDevice.wide_check(100_003)
# CALL: SortDevice.wide_ends(4097)
# CALL: SortDevice.floats_sorted(2)
# CALL: SortDevice.floats_sorted(255)
# CALL: SortDevice.floats_check(256)
# CALL: SortDevice.floats_check(4097)
# CALL: SortDevice.floats_check(100_003)
# CALL: SortDevice.floats_check_desc(100_003)
# CALL: SortDevice.zero_signs(30)
# CALL: SortDevice.zero_signs_desc(30)
# CALL: SortDevice.zero_weight(4097)
# CALL: SortDevice.zero_weight(100_003)
# CALL: SortDevice.sort_list([0.0, -0.0, 1.5, -0.0, 0.0, -2.5])
# CALL: SortDevice.sort_list_desc([0.0, -0.0, 1.5, -0.0, 0.0, -2.5])
# CALL: SortDevice.sort_list([3, -1, 9_223_372_036_854_775_807, -9_223_372_036_854_775_808, 0, 3])
# CALL: SortDevice.sort_list_desc([3, -1, 9_223_372_036_854_775_807, -9_223_372_036_854_775_808, 0, 3])
# CALL: SortDevice.none_sorted(300)
# CALL: SortDevice.sort_list([true, false, true])
# CALL: SortDevice.range_sorted(-5, 5)
# CALL: SortDevice.range_sorted(5, 1)
# CALL: SortDevice.range_desc_sum(100_003)
# CALL: SortDevice.squares_desc(4097)
# CALL: SortDevice.sorted_sum(100_003)
# CALL: SortDevice.sorted_drop(4097, 2000)
# CALL: SortDevice.median(100_003)
# CALL: SortDevice.bools_sorted(10)
# CALL: SortDevice.bools_count(4097)
# CALL: SortDevice.bools_count(100_003)
