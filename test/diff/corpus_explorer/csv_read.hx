# DataFrame.from_csv!/2: type inference (s64, f64, boolean, string), missing values
# (empty field, nil_values:), dtypes:, header:, delimiter:, columns:, quoting, CRLF, BOM.
# Paths are relative to the repository root (the differential tests run from there).
defmodule CsvRead do
  require Explorer.DataFrame, as: DF

  @dir "test/diff/corpus_explorer/data/"

  def default, do: DF.from_csv!(@dir <> "small.csv")
  def with_na, do: DF.from_csv!(@dir <> "small.csv", nil_values: ["NA"])
  def dtypes, do: DF.from_csv!(@dir <> "small.csv", nil_values: ["NA"], dtypes: [score: :f64, id: :string])
  def dtypes_map, do: DF.from_csv!(@dir <> "small.csv", nil_values: ["NA"], dtypes: %{"name" => :category})
  def semicolon, do: DF.from_csv!(@dir <> "semi.csv", delimiter: ";", header: false, nil_values: ["NA"])
  def columns_by_name, do: DF.from_csv!(@dir <> "small.csv", columns: ["ratio", "id"])
  def columns_by_index, do: DF.from_csv!(@dir <> "small.csv", columns: [0, 2], nil_values: ["NA"])
  def quoted, do: DF.from_csv!(@dir <> "quoted.csv")
  def quoted_values, do: DF.to_columns(DF.from_csv!(@dir <> "quoted.csv"))
  def crlf, do: DF.from_csv!(@dir <> "crlf.csv")
  def all_nil, do: DF.from_csv!(@dir <> "allnil.csv")
  def floats, do: DF.to_columns(DF.from_csv!(@dir <> "floats.csv"))
  def bom, do: DF.names(DF.from_csv!(@dir <> "bom.csv"))
  def max_rows, do: DF.from_csv!(@dir <> "small.csv", max_rows: 2)
  def shape, do: DF.shape(DF.from_csv!(@dir <> "people.csv", nil_values: ["NA"]))
  def dtype_map, do: DF.dtypes(DF.from_csv!(@dir <> "small.csv", nil_values: ["NA"]))
end
# CALL: CsvRead.default()
# CALL: CsvRead.with_na()
# CALL: CsvRead.dtypes()
# CALL: CsvRead.dtypes_map()
# CALL: CsvRead.semicolon()
# CALL: CsvRead.columns_by_name()
# CALL: CsvRead.columns_by_index()
# CALL: CsvRead.quoted()
# CALL: CsvRead.quoted_values()
# CALL: CsvRead.crlf()
# CALL: CsvRead.all_nil()
# CALL: CsvRead.floats()
# CALL: CsvRead.bom()
# CALL: CsvRead.max_rows()
# CALL: CsvRead.shape()
# CALL: CsvRead.dtype_map()
