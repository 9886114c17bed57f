# drop_nil/2 and Series.fill_missing/2 (:forward :backward :mean :min :max, a value).
defmodule Missing do
  require Explorer.DataFrame, as: DF
  alias Explorer.Series

  defp df, do: DF.new(a: [1, 2, nil, 4], b: [nil, 2.5, 3.5, nil], c: ["x", nil, "z", "w"])

  def drop_all, do: DF.drop_nil(df())
  def drop_one, do: DF.drop_nil(df(), :a)
  def drop_some, do: DF.drop_nil(df(), ["a", "c"])
  def drop_none, do: DF.drop_nil(df(), [])

  def ints(strategy), do: Series.fill_missing(Series.from_list([nil, 1, 2, nil, 4, nil]), strategy)
  def floats(strategy), do: Series.fill_missing(Series.from_list([nil, 1.5, 2.0, nil, 4.0]), strategy)
  def strings(strategy), do: Series.fill_missing(Series.from_list(["b", nil, "a", nil]), strategy)
  def bools, do: Series.fill_missing(Series.from_list([true, nil, false]), true)
  def mean_trunc, do: Series.fill_missing(Series.from_list([1, 2, nil, 4]), :mean)
  def int_with_float, do: Series.fill_missing(Series.from_list([1, nil]), 0.5)
  def in_frame do
    d = df()
    DF.put(d, "c", Series.fill_missing(d["c"], "missing"))
  end
  def mismatch, do: Series.fill_missing(Series.from_list([1, 2, nil, 4]), "foo")
  def mean_of_strings, do: Series.fill_missing(Series.from_list(["a", nil]), :mean)
end
# CALL: Missing.drop_all()
# CALL: Missing.drop_one()
# CALL: Missing.drop_some()
# CALL: Missing.drop_none()
# CALL: Missing.ints(:forward)
# CALL: Missing.ints(:backward)
# CALL: Missing.ints(:mean)
# CALL: Missing.ints(:min)
# CALL: Missing.ints(:max)
# CALL: Missing.ints(7)
# CALL: Missing.floats(:forward)
# CALL: Missing.floats(:backward)
# CALL: Missing.floats(:mean)
# CALL: Missing.floats(:min)
# CALL: Missing.floats(:max)
# CALL: Missing.floats(0)
# CALL: Missing.strings(:forward)
# CALL: Missing.strings(:min)
# CALL: Missing.strings("?")
# CALL: Missing.bools()
# CALL: Missing.mean_trunc()
# CALL: Missing.int_with_float()
# CALL: Missing.in_frame()
# CALL: Missing.mismatch()
# CALL: Missing.mean_of_strings()
