# DataFrame.to_csv!/3: header:, delimiter:, nil as an empty field, quoting, float text.
# Each call writes under /tmp and returns the file's text.
defmodule CsvWrite do
  require Explorer.DataFrame, as: DF

  def basic do
    df = DF.new(a: [1, nil, 3], b: [0.5, 2.0, nil], c: ["x", "y, z", "say \"hi\""], d: [true, nil, false])
    :ok = DF.to_csv!(df, "/tmp/hx_exshim_basic.csv")
    File.read!("/tmp/hx_exshim_basic.csv")
  end

  def options do
    df = DF.new(a: [1, 2], b: ["p;q", ""])
    :ok = DF.to_csv!(df, "/tmp/hx_exshim_opts.csv", header: false, delimiter: ";")
    File.read!("/tmp/hx_exshim_opts.csv")
  end

  def floats do
    df = DF.new(x: [1.0, 0.1, 123456.789, 1.0e-7, 2.5e20, -0.0, 100.0])
    :ok = DF.to_csv!(df, "/tmp/hx_exshim_floats.csv")
    File.read!("/tmp/hx_exshim_floats.csv")
  end

  def round_trip do
    df = DF.from_csv!("test/diff/corpus_explorer/data/small.csv", nil_values: ["NA"])
    :ok = DF.to_csv!(df, "/tmp/hx_exshim_rt.csv")
    DF.from_csv!("/tmp/hx_exshim_rt.csv")
  end
end
# CALL: CsvWrite.basic()
# CALL: CsvWrite.options()
# CALL: CsvWrite.floats()
# CALL: CsvWrite.round_trip()
