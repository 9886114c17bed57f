# describe/2: count, nil_count, mean, std, min, 25%, 50%, 75%, max per column
# (numeric columns become f64, others string columns with the counts only).
# Each result is turned into columns so that every statistic is printed.
defmodule Describe do
  require Explorer.DataFrame, as: DF

  def people do
    DF.from_csv!("test/diff/corpus_explorer/data/people.csv", nil_values: ["NA"])
    |> DF.describe()
  end

  def people_columns, do: DF.to_columns(people())

  def numbers do
    DF.new(i: [4, 1, 3, 2, 10, nil], f: [0.5, 1.5, nil, -2.0, 3.25, 8.0], b: [true, false, nil, true, true, false])
    |> DF.describe()
    |> DF.to_columns()
  end

  def percentiles do
    DF.new(x: Enum.to_list(1..11))
    |> DF.describe(percentiles: [0.9, 0.1, 0.5])
    |> DF.to_columns()
  end

  def all_nil, do: DF.to_columns(DF.describe(DF.new(x: [nil, nil], y: [1, 2])))
  def single, do: DF.to_columns(DF.describe(DF.new(x: [7])))
  def bad_percentile, do: DF.describe(DF.new(x: [1]), percentiles: [1.5])
end
# CALL: Describe.people()
# CALL: Describe.people_columns()
# CALL: Describe.numbers()
# CALL: Describe.percentiles()
# CALL: Describe.all_nil()
# CALL: Describe.single()
# CALL: Describe.bad_percentile()
