# select/2, discard/2, pull/2 and Access (df["col"], df[:col], df[0], df[["a", "b"]]).
defmodule Columns do
  require Explorer.DataFrame, as: DF

  defp df, do: DF.new(a: ["a", "b", "c"], b: [1, 2, 3], c: [4.0, nil, 6.5])

  def select_one, do: DF.select(df(), "b")
  def select_many, do: DF.select(df(), [:c, "a"])
  def select_index, do: DF.select(df(), [0, -1])
  def discard, do: DF.discard(df(), ["a", "b"])
  def pull, do: DF.pull(df(), "c")
  def access_string, do: df()["a"]
  def access_atom, do: df()[:b]
  def access_index, do: df()[2]
  def access_list, do: df()[["c", "b"]]
  def value, do: df()["b"][1]
  def names, do: DF.names(DF.discard(df(), :a))
  def n_columns, do: DF.n_columns(df())
  def bad_index, do: DF.select(df(), [5])
  def missing, do: DF.pull(df(), "zz")
end
# CALL: Columns.select_one()
# CALL: Columns.select_many()
# CALL: Columns.select_index()
# CALL: Columns.discard()
# CALL: Columns.pull()
# CALL: Columns.access_string()
# CALL: Columns.access_atom()
# CALL: Columns.access_index()
# CALL: Columns.access_list()
# CALL: Columns.value()
# CALL: Columns.names()
# CALL: Columns.n_columns()
# CALL: Columns.bad_index()
# CALL: Columns.missing()
