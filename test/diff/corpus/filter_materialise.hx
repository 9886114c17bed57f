# Filter chains (map/filter stages over an indexable base) materialised as
# lists: on the CPU they run in parallel chunks that each compact their
# survivors, then move the runs together; with --target=opencl as a
# compaction kernel (a work-group prefix sum). Sizes straddle the CPU grain
# (8192 elements a chunk) and the work-group size (256): 1, 255, 256, 257,
# 8191, 8193, 100_003. Large results are summarised by `digest`, which
# reads the list three ways, so the list itself must exist.
defmodule FilterMaterialise do
  def thirds(n), do: 1..n |> Enum.filter(&(rem(&1, 3) == 0)) |> Enum.map(&(&1 * &1))
  def all(n), do: Enum.filter(1..n, fn x -> x > 0 end)
  def none(n), do: Enum.filter(1..n, fn x -> x < 0 end)
  def edge(n), do: Enum.filter(1..n, fn x -> x == 1 or x == n end)
  def map_filter(n), do: 1..n |> Enum.map(fn x -> rem(x * 7919, 1009) end) |> Enum.filter(fn x -> x > 500 end)
  def several(n) do
    1..n
    |> Enum.map(fn i -> rem(i * 31, 1009) end)
    |> Enum.filter(fn x -> x > 100 end)
    |> Enum.map(fn x -> x * 2 end)
    |> Enum.reject(fn x -> rem(x, 3) == 0 end)
    |> Enum.filter(fn x -> rem(x, 5) != 1 end)
    |> Enum.map(fn x -> x - 7 end)
  end
  def down(n), do: Enum.filter(n..1, fn x -> rem(x, 4) == 1 end)
  @spec on_list([integer()]) :: [integer()]
  def on_list(xs), do: Enum.filter(xs, fn x -> rem(x, 2) == 1 end) |> Enum.map(fn x -> x * 10 end)
  def indexed(xs), do: xs |> Enum.with_index() |> Enum.filter(fn {x, i} -> rem(x + i, 3) == 0 end) |> Enum.map(fn {x, i} -> x * 100 + i end)
  def zipped(xs, ys), do: Enum.zip(xs, ys) |> Enum.filter(fn {a, b} -> a > b end) |> Enum.map(fn {a, b} -> a - b end)
  def floats(n), do: 1..n |> Enum.map(fn i -> i / 7 end) |> Enum.filter(fn x -> x - trunc(x) > 0.5 end)
  def float_map(n), do: 1..n |> Enum.filter(fn i -> rem(i, 11) == 0 end) |> Enum.map(fn i -> i * 0.25 - 3.0 end)
  def bools(n), do: 1..n |> Enum.map(fn i -> rem(i, 3) == 0 end) |> Enum.filter(fn b -> b end)
  def bools_after(n), do: 1..n |> Enum.filter(fn i -> rem(i, 5) < 2 end) |> Enum.map(fn i -> rem(i, 2) == 0 end)
  def pairs(n), do: 1..n |> Enum.map(fn i -> {i, i * 2.5} end) |> Enum.filter(fn {i, _} -> rem(i, 3) != 0 end)
  def pairs_indexed(xs), do: xs |> Enum.with_index() |> Enum.filter(fn {x, _} -> x > 2 end)
  # A raise inside the chain: the first one in element order wins, even
  # when a later chunk meets its own error first. (Both sites are in one
  # stage: push fusion interleaves the stages, docs/design.md.)
  def raises(n) do
    1..n
    |> Enum.map(fn i -> i + 1 end)
    |> Enum.filter(fn i -> if i == 50_000, do: div(1, i - i) > 0, else: only_small(i - 20_000) < 5 end)
    |> Enum.map(fn i -> i * 3 end)
  end
  def raises_b(n), do: Enum.filter(1..n, fn i -> if i == 15_000, do: div(1, i - i) > 0, else: only_small(i - 20_000) < 5 end)
  defp only_small(x) when x < 10, do: x
  def raises_late(n), do: Enum.filter(1..n, fn i -> div(1_000_000, n - i) > 3 end)
  def big_thirds(n), do: digest(thirds(n))
  def big_several(n), do: digest(several(n))
  def big_floats(n), do: fdigest(floats(n))
  def big_bools(n), do: length(bools(n))
  def big_pairs(n) do
    ps = pairs(n)
    {length(ps), Enum.reduce(ps, 0.0, fn {i, x}, acc -> acc + i * x end), Enum.take(ps, 2), Enum.take(ps, -2)}
  end
  def big_indexed(n), do: digest(indexed(Enum.map(1..n, fn i -> rem(i * 13, 97) end)))
  def digest(xs) do
    {length(xs), Enum.sum(xs), Enum.take(xs, 2), Enum.take(xs, -2), Enum.with_index(xs) |> Enum.map(fn {x, i} -> rem(x * (i + 1), 1_000_003) end) |> Enum.sum()}
  end
  def fdigest(xs), do: {length(xs), Enum.take(xs, 2), Enum.take(xs, -2), Enum.with_index(xs) |> Enum.map(fn {x, i} -> x * rem(i, 10) end) |> Enum.sum()}
end
# CALL: FilterMaterialise.thirds(0)
# CALL: FilterMaterialise.thirds(1)
# CALL: FilterMaterialise.thirds(3)
# CALL: FilterMaterialise.thirds(255)
# CALL: FilterMaterialise.thirds(256)
# CALL: FilterMaterialise.thirds(257)
# CALL: FilterMaterialise.all(1)
# CALL: FilterMaterialise.all(257)
# CALL: FilterMaterialise.none(0)
# CALL: FilterMaterialise.none(300)
# CALL: FilterMaterialise.none(8193)
# CALL: FilterMaterialise.edge(1)
# CALL: FilterMaterialise.edge(256)
# CALL: FilterMaterialise.edge(8193)
# CALL: FilterMaterialise.edge(100_003)
# CALL: FilterMaterialise.map_filter(255)
# CALL: FilterMaterialise.several(600)
# CALL: FilterMaterialise.down(100)
# CALL: FilterMaterialise.on_list([1, 2, 3, 4, 5, 7, 9, -3, 0])
# CALL: FilterMaterialise.on_list([])
# CALL: FilterMaterialise.indexed([5, 4, 3, 2, 1, 0, 7, 8, 9])
# CALL: FilterMaterialise.zipped([1, 5, 3, 9, 2], [2, 1, 3, 4, 0, 8])
# CALL: FilterMaterialise.floats(50)
# CALL: FilterMaterialise.float_map(100)
# CALL: FilterMaterialise.bools(10)
# CALL: FilterMaterialise.bools_after(12)
# CALL: FilterMaterialise.pairs(10)
# CALL: FilterMaterialise.pairs_indexed([1, 3, 2, 5, 4])
# CALL: FilterMaterialise.raises(100_003)
# CALL: FilterMaterialise.raises(30_000)
# CALL: FilterMaterialise.raises(19_999)
# CALL: FilterMaterialise.raises_b(100_003)
# CALL: FilterMaterialise.raises_b(14_000)
# CALL: FilterMaterialise.raises_late(100_003)
# CALL: FilterMaterialise.big_thirds(8191)
# CALL: FilterMaterialise.big_thirds(8192)
# CALL: FilterMaterialise.big_thirds(8193)
# CALL: FilterMaterialise.big_thirds(100_003)
# CALL: FilterMaterialise.big_several(8191)
# CALL: FilterMaterialise.big_several(8193)
# CALL: FilterMaterialise.big_several(100_003)
# CALL: FilterMaterialise.big_floats(100_003)
# CALL: FilterMaterialise.big_bools(100_003)
# CALL: FilterMaterialise.big_pairs(100_003)
# CALL: FilterMaterialise.big_indexed(8193)
# CALL: FilterMaterialise.big_indexed(100_003)
