# Data cleansing of the Palmer penguins (samples/data/penguins.csv, CC0) into tensors
# for a species classifier: read with "NA" as missing, drop rows without measurements,
# fill the missing sex, one-hot the island, standardise the measurements, split into
# train and test sets and turn them into {x, y} tensors. samples/penguins_classifier.hx
# trains a model on them.
#
# hastec compiles all of it (docs/frames.md, "Compiled"): the frames are recipes that
# hastec evaluates when it compiles (for the shapes) and the program again when it runs.
#   hastec run samples/penguins.hx -e 'Penguins.summary("samples/data/penguins.csv")'
#
# Run under the reference shims (from the repository root):
#   elixir -r stdlib/ref/nx.exs -r stdlib/ref/loop.exs -r stdlib/ref/explorer.exs -e \
#     'Code.require_file("samples/penguins.hx"); IO.inspect(Penguins.summary("samples/data/penguins.csv"))'
defmodule Penguins do
  require Explorer.DataFrame, as: DF
  alias Explorer.Series

  # Sorted by name: the column order Nx.stack(df, axis: -1) uses for a frame.
  @features ~w(bill_depth_mm bill_length_mm body_mass_g flipper_length_mm
               island_Biscoe island_Dream island_Torgersen sex_female sex_male sex_unknown)

  def load(path), do: DF.from_csv!(path, nil_values: ["NA"])

  def clean(df) do
    df = df |> DF.drop_nil(~w(bill_length_mm bill_depth_mm flipper_length_mm body_mass_g))
    df = DF.mutate(df, sex: fill_missing(sex, "unknown"))

    df
    |> DF.discard(["island", "sex"])
    |> then(&DF.concat_columns([&1, DF.dummies(df, ["island", "sex"])]))
    |> DF.mutate(
      bill_length_mm: (bill_length_mm - mean(bill_length_mm)) / standard_deviation(bill_length_mm),
      bill_depth_mm: (bill_depth_mm - mean(bill_depth_mm)) / standard_deviation(bill_depth_mm),
      flipper_length_mm: (flipper_length_mm - mean(flipper_length_mm)) / standard_deviation(flipper_length_mm),
      body_mass_g: (body_mass_g - mean(body_mass_g)) / standard_deviation(body_mass_g)
    )
  end

  # {x, y}: x is f64[n][10] (the features), y the species codes u32[n] (s64 in
  # hastec; Adelie 0, Gentoo 1, Chinstrap 2: order of first appearance).
  def to_xy(df) do
    x = Nx.stack(df[@features], axis: -1)
    y = Series.to_tensor(Series.cast(df["species"], :category))
    {x, y}
  end

  # Deterministic split: train on 2007-2008, test on 2009.
  def split(df), do: {DF.filter(df, year < 2009), DF.filter(df, year == 2009)}

  # Random split, as a pipeline would do it. hastec and the shim share the permutation
  # (splitmix64 Fisher-Yates), which is not Polars': real Explorer gives other rows.
  def shuffled_split(df, frac) do
    df = DF.shuffle(df, seed: 42)
    n = round(DF.n_rows(df) * frac)
    {DF.slice(df, 0, n), DF.slice(df, n, DF.n_rows(df) - n)}
  end

  # Prints describe of the raw and of the cleaned data; returns their row counts.
  def describe(path) do
    raw = load(path)
    IO.inspect(DF.describe(raw))
    df = clean(raw)
    IO.inspect(DF.describe(df))
    {DF.n_rows(raw), DF.n_rows(df)}
  end

  def cleaned(path), do: path |> load() |> clean()

  # The cleaned features of the first rows and the species codes, as tensors.
  def head(path) do
    df = cleaned(path)
    {x, y} = to_xy(DF.head(df, 3))
    {x, Nx.as_type(y, :s64)}
  end

  def summary(path) do
    df = cleaned(path)
    {train, test} = split(df)
    {x_train, y_train} = to_xy(train)
    {x_test, y_test} = to_xy(test)
    {a, b} = shuffled_split(df, 0.8)
    # birds of each species in the training set (Adelie, Gentoo, Chinstrap)
    onehot = Nx.equal(Nx.new_axis(Nx.as_type(y_train, :s64), 1), Nx.iota({1, 3}, axis: 1))
    counts = Nx.sum(Nx.as_type(onehot, :s64), axes: [0])

    %{
      rows: {DF.n_rows(load(path)), DF.n_rows(df)},
      train: {Nx.shape(x_train), Nx.size(y_train)},
      test: {Nx.shape(x_test), Nx.size(y_test)},
      shuffled: {DF.n_rows(a), DF.n_rows(b)},
      first_train_row: Nx.to_list(x_train[0]),
      species_counts: counts
    }
  end
end
