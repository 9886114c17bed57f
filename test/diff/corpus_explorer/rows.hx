# n_rows/1, slice/3 (negative offsets, clamping), head/2, shuffle/2.
# shuffle's permutation is the shim's own (Polars' RNG is not reproduced), so only
# order-independent results of a shuffle are printed.
defmodule Rows do
  require Explorer.DataFrame, as: DF
  alias Explorer.Series

  defp df, do: DF.new(i: Enum.to_list(1..10), s: Enum.map(1..10, &"r#{&1}"))

  def n_rows, do: DF.n_rows(df())
  def slice(offset, length), do: DF.slice(df(), offset, length)
  def head, do: DF.head(df(), 3)
  def shuffled_size, do: DF.n_rows(DF.shuffle(df(), seed: 42))
  def shuffled_sum, do: Series.to_list(DF.shuffle(df(), seed: 7)["i"]) |> Enum.sort()
  def shuffled_rows_intact do
    d = DF.shuffle(df(), seed: 1)
    Enum.zip(Series.to_list(d["i"]), Series.to_list(d["s"])) |> Enum.all?(fn {i, s} -> s == "r#{i}" end)
  end
  def split(frac) do
    d = DF.shuffle(df(), seed: 3)
    n = round(DF.n_rows(d) * frac)
    {DF.n_rows(DF.slice(d, 0, n)), DF.n_rows(DF.slice(d, n, DF.n_rows(d) - n))}
  end
end
# CALL: Rows.n_rows()
# CALL: Rows.slice(2, 3)
# CALL: Rows.slice(-3, 2)
# CALL: Rows.slice(8, 5)
# CALL: Rows.slice(-20, 12)
# CALL: Rows.slice(12, 2)
# CALL: Rows.slice(0, 0)
# CALL: Rows.head()
# CALL: Rows.shuffled_size()
# CALL: Rows.shuffled_sum()
# CALL: Rows.shuffled_rows_intact()
# CALL: Rows.split(0.8)
