# Explorer's cleansing verbs compiled by hastec (docs/frames.md, "Compiled")
# against the reference shim stdlib/ref/explorer.exs. Run from the
# repository root (the data file's path is relative to it). Category and
# boolean columns become s64 tensors in hastec (u32/u8 in Explorer), so
# they are cast to s64 before they are printed.
defmodule FramesClean do
  require Explorer.DataFrame, as: DF
  alias Explorer.Series

  @path "test/diff/corpus_frames_hastec/data/people.csv"

  # strings are compile-time values: the path flows through a function
  defp load, do: read(@path)
  defp read(path), do: DF.from_csv!(path, nil_values: ["NA"])

  # frames flow out of functions (they are inlined) and through pipes
  defp measured(df), do: DF.drop_nil(df, ["age", "height"])

  def sizes do
    df = load()
    {DF.n_rows(df), DF.n_columns(df), DF.n_rows(DF.drop_nil(df)), df |> measured() |> DF.n_rows()}
  end

  def dropped, do: load() |> measured() |> DF.select(["age", "height"]) |> Nx.stack(axis: -1)

  def filled do
    load()
    |> DF.mutate(age: fill_missing(age, 0), height: fill_missing(height, :mean), score: fill_missing(score, :forward))
    |> DF.select(["age", "height", "score"])
    |> Nx.stack(axis: -1)
  end

  def strategies do
    df = load()
    s = df["score"]
    {Series.to_tensor(Series.fill_missing(DF.head(df, 6)["score"], :backward)), Series.to_tensor(Series.fill_missing(s, :min)),
     Series.to_tensor(Series.fill_missing(s, :max)), Series.to_tensor(Series.fill_missing(s, 1.5))}
  end

  def filtered do
    df = DF.filter(load(), age > 30 and city == "Oslo")
    {DF.n_rows(df), Series.to_tensor(df["age"])}
  end

  def filter_list do
    limit = 40
    df = DF.filter(load(), [age < ^limit, not is_nil(score), height >= 1.6])
    Series.to_tensor(df["score"])
  end

  def standardised do
    load()
    |> DF.drop_nil(["score"])
    |> DF.mutate(z: (score - mean(score)) / standard_deviation(score), d: score - min(score), m: max(score) + 0)
    |> DF.select(["z", "d", "m"])
    |> Nx.stack(axis: -1)
  end

  def arithmetic do
    load()
    |> DF.drop_nil()
    |> DF.mutate(a: age * 2 - 1, b: age / 4, c: height ** 2, e: -age, f: abs(height - 1.75), g: sqrt(score))
    |> DF.select(["a", "b", "c", "e", "f", "g"])
    |> Nx.stack(axis: -1)
  end

  def dummies do
    df = DF.mutate(load(), city: fill_missing(city, "none"))
    DF.dummies(df, ["city"]) |> Nx.stack(axis: -1)
  end

  def concat do
    df = DF.drop_nil(load(), ["city", "age"])
    DF.concat_columns([DF.select(df, ["age"]), DF.dummies(df, ["city"])]) |> Nx.stack(axis: -1)
  end

  def category do
    df = DF.mutate(load(), city: fill_missing(city, "none"))
    c = Series.to_tensor(Series.cast(df["city"], :category))
    m = Series.to_tensor(Series.fill_missing(df["member"], false))
    {Nx.as_type(c, :s64), Nx.as_type(m, :s64)}
  end

  def rows do
    df = DF.mutate(load(), age: fill_missing(age, -1))
    {Series.to_tensor(DF.slice(df, 1, 3)["age"]), Series.to_tensor(DF.head(df, 2)["age"]),
     Series.to_tensor(DF.tail(df, 2)["age"]), Series.to_tensor(DF.slice(df, -3, 10)["age"])}
  end

  def shuffled do
    df = DF.mutate(load(), age: fill_missing(age, -1))
    Series.to_tensor(DF.shuffle(df, seed: 3)["age"])
  end

  def aggregates do
    df = load()
    {Series.mean(df["score"]), Series.sum(df["age"]), Series.min(df["height"]), Series.max(df["age"]),
     Series.count(df["age"]), Series.nil_count(df["score"]), Series.median(df["age"]),
     Series.standard_deviation(df["height"]), Series.variance(df["age"])}
  end

  def read_options do
    df = DF.from_csv!(@path, nil_values: ["NA"], columns: ["age", "city", "score"],
                      dtypes: [{"city", :category}, {"age", {:f, 64}}])
    by_index = DF.from_csv!(@path, nil_values: ["NA"], columns: [4, 2])
    # a shuffle without seed: another order each run, the same sum
    {Nx.stack(DF.drop_nil(df), axis: -1), DF.n_columns(by_index), Series.sum(DF.shuffle(df)["age"]),
     DF.n_rows(DF.shuffle(df))}
  end

  def columns, do: load() |> DF.discard(["name", "city", "member"]) |> DF.drop_nil() |> Nx.stack(axis: 0)
end
# CALL: FramesClean.sizes()
# CALL: FramesClean.dropped()
# CALL: FramesClean.filled()
# CALL: FramesClean.strategies()
# CALL: FramesClean.filtered()
# CALL: FramesClean.filter_list()
# CALL: FramesClean.standardised()
# CALL: FramesClean.arithmetic()
# CALL: FramesClean.dummies()
# CALL: FramesClean.concat()
# CALL: FramesClean.category()
# CALL: FramesClean.rows()
# CALL: FramesClean.shuffled()
# CALL: FramesClean.aggregates()
# CALL: FramesClean.read_options()
# CALL: FramesClean.columns()
