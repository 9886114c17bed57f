# dummies/2 (columns COL_VALUE, s64 0/1, values in order of first appearance) and
# concat_columns/1 (clashing names get the frame's index as suffix).
defmodule DummiesConcat do
  require Explorer.DataFrame, as: DF

  defp people, do: DF.from_csv!("test/diff/corpus_explorer/data/people.csv", nil_values: ["NA"])

  def one, do: DF.dummies(people(), "island")
  def two, do: DF.dummies(people(), [:species, :island])
  def integers, do: DF.dummies(DF.new(k: [3, 1, 3, 2]), "k")
  def one_hot do
    df = people()
    DF.concat_columns([DF.discard(df, "island"), DF.dummies(df, "island")])
  end
  def clash do
    a = DF.new(x: [1, 2, 3], y: ["a", "b", "c"])
    b = DF.new(x: [4, 5, 6], a: ["d", "e", "f"])
    c = DF.new(x: [7, 8, 9])
    DF.concat_columns([a, b, c])
  end
  def with_nil, do: DF.dummies(people(), "sex")
  def row_mismatch, do: DF.concat_columns([DF.new(a: [1, 2]), DF.new(b: [1])])
end
# CALL: DummiesConcat.one()
# CALL: DummiesConcat.two()
# CALL: DummiesConcat.integers()
# CALL: DummiesConcat.one_hot()
# CALL: DummiesConcat.clash()
# CALL: DummiesConcat.with_nil()
# CALL: DummiesConcat.row_mismatch()
