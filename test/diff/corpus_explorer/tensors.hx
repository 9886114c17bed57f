# Series.to_tensor/1 and Nx.stack(df, axis: -1). Nx.stack takes the frame's non-string
# columns in the order Nx traverses Explorer's TensorFrame: sorted by column name.
defmodule Tensors do
  require Explorer.DataFrame, as: DF
  alias Explorer.Series

  defp df, do: DF.new(b: [1, 2, 3], a: [0.5, 1.5, 2.5], name: ["x", "y", "z"])

  def floats, do: Series.to_tensor(Series.from_list([1.0, 2.5]))
  def ints, do: Series.to_tensor(Series.from_list([1, -2, 3]))
  def bools, do: Series.to_tensor(Series.from_list([true, false, true]))
  def category, do: Series.to_tensor(Series.cast(Series.from_list(["b", "a", "b", "c"]), :category))
  def stack_df, do: Nx.stack(DF.discard(df(), "name"), axis: -1)
  def stack_df_with_strings, do: Nx.stack(df(), axis: -1)
  def stack_list, do: Nx.stack([Series.to_tensor(df()["a"]), Series.to_tensor(df()["b"])], axis: -1)
  def strings, do: Series.to_tensor(Series.from_list(["a"]))
  def with_nil, do: Series.to_tensor(Series.from_list([1, nil]))
end
# CALL: Tensors.floats()
# CALL: Tensors.ints()
# CALL: Tensors.bools()
# CALL: Tensors.category()
# CALL: Tensors.stack_df()
# CALL: Tensors.stack_df_with_strings()
# CALL: Tensors.stack_list()
# CALL: Tensors.strings()
# CALL: Tensors.with_nil()
