# Malformed CSV input: the error names the file, line and column
# (`** (RuntimeError) from_csv failed: "PATH:LINE:COL: what"`, Explorer's from_csv!
# wrapper around the reader's message), and bad options raise ArgumentError.
defmodule CsvErrors do
  require Explorer.DataFrame, as: DF

  @dir "test/diff/corpus_explorer/data/"

  def more_fields, do: DF.from_csv!(@dir <> "bad_more.csv")
  def fewer_fields, do: DF.from_csv!(@dir <> "bad_fewer.csv")
  def unterminated_quote, do: DF.from_csv!(@dir <> "bad_quote.csv")
  def inferred_ok, do: DF.from_csv!(@dir <> "bad_type.csv")
  def forced_type, do: DF.from_csv!(@dir <> "bad_type.csv", dtypes: [b: :s64])
  def forced_float, do: DF.from_csv!(@dir <> "small.csv", dtypes: [name: :f64])
  def missing_file, do: DF.from_csv!(@dir <> "no_such_file.csv")
  def bad_dtype, do: DF.from_csv!(@dir <> "small.csv", dtypes: [id: :decimal])
  def bad_index, do: DF.from_csv!(@dir <> "small.csv", columns: [0, 9])
  def invalid_utf8, do: DF.from_csv!(@dir <> "bad_utf8.csv")
  def duplicate_header, do: DF.from_csv!(@dir <> "bad_dup.csv")
  def after_quote, do: DF.from_csv!(@dir <> "bad_after_quote.csv")
  def empty, do: DF.from_csv!(@dir <> "empty.csv")
  def unknown_option, do: DF.from_csv!(@dir <> "small.csv", separator: ";")
end
# CALL: CsvErrors.more_fields()
# CALL: CsvErrors.fewer_fields()
# CALL: CsvErrors.unterminated_quote()
# CALL: CsvErrors.inferred_ok()
# CALL: CsvErrors.forced_type()
# CALL: CsvErrors.forced_float()
# CALL: CsvErrors.missing_file()
# CALL: CsvErrors.bad_dtype()
# CALL: CsvErrors.bad_index()
# CALL: CsvErrors.invalid_utf8()
# CALL: CsvErrors.duplicate_header()
# CALL: CsvErrors.after_quote()
# CALL: CsvErrors.empty()
# CALL: CsvErrors.unknown_option()
