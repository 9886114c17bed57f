# A species classifier for the Palmer penguins (samples/data/penguins.csv, CC0;
# issue 7): the cleansing of samples/penguins.hx (read with "NA" as missing,
# drop rows without measurements, fill the missing sex, one-hot island and sex,
# standardise the four measurements), then a 10-16-3 MLP with tanh, softmax
# cross-entropy and Adam (lr 0.01), trained by the fit loop (docs/training.md)
# on the 2007-2008 birds (223 rows) for 20 epochs of mini-batches of 16, and
# tested on the 2009 birds (119 rows), never trained on. Prints the shapes and
# the train and test accuracy: {{223, 10}, {119, 10}, 1.0, 0.9915966391563416}
# (118 of 119 test birds; about 1 s of training under the shims).
#
#   HX_PROGRESS=0 elixir -r stdlib/ref/nx.exs -r stdlib/ref/polaris.exs -r stdlib/ref/loop.exs \
#     -r stdlib/ref/fit.exs -r stdlib/ref/explorer.exs -e 'Code.require_file("samples/penguins_classifier.hx");
#     IO.inspect(PenguinsClassifier.run("samples/data/penguins.csv"))'
#   HX_PROGRESS=0 hastec run samples/penguins_classifier.hx -e 'PenguinsClassifier.run("samples/data/penguins.csv")'
#
# hastec reads the file when it compiles the program too (for the tensors'
# shapes: docs/frames.md "Compiled"). Drop HX_PROGRESS=0 to see the epochs.
#
# Labels are the species' category codes, in order of first appearance
# (Adelie 0, Gentoo 1, Chinstrap 2). The train and test frames are cast apart:
# their codes agree because the file lists the species in that order in every
# year (codes that disagreed would show as a test accuracy near 0.3). Explorer
# gives u32 codes and hastec s64: the labels are cast to s64 so both train alike.
defmodule PenguinsClassifier do
  import Nx.Defn
  require Explorer.DataFrame, as: DF
  alias Explorer.Series

  # Sorted by name: the column order Nx.stack(df, axis: -1) uses for a frame.
  @features ["bill_depth_mm", "bill_length_mm", "body_mass_g", "flipper_length_mm",
             "island_Biscoe", "island_Dream", "island_Torgersen", "sex_female", "sex_male", "sex_unknown"]

  # --- data: samples/penguins.hx's cleansing ---------------------------------

  # {{x_train, y_train}, {x_test, y_test}}: train on 2007-2008, test on 2009.
  def data(raw) do
    df = DF.drop_nil(raw, ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"])
    df = DF.mutate(df, sex: fill_missing(sex, "unknown"))
    dummies = DF.dummies(df, ["island", "sex"])

    df =
      DF.concat_columns([DF.discard(df, ["island", "sex"]), dummies])
      |> DF.mutate(
        bill_length_mm: (bill_length_mm - mean(bill_length_mm)) / standard_deviation(bill_length_mm),
        bill_depth_mm: (bill_depth_mm - mean(bill_depth_mm)) / standard_deviation(bill_depth_mm),
        flipper_length_mm: (flipper_length_mm - mean(flipper_length_mm)) / standard_deviation(flipper_length_mm),
        body_mass_g: (body_mass_g - mean(body_mass_g)) / standard_deviation(body_mass_g)
      )

    {to_xy(DF.filter(df, year < 2009)), to_xy(DF.filter(df, year == 2009))}
  end

  # {x f32[n][10], y s64[n]}
  def to_xy(df) do
    x = Nx.stack(df[@features], axis: -1)
    y = Series.to_tensor(Series.cast(df["species"], :category))
    {Nx.as_type(x, :f32), Nx.as_type(y, :s64)}
  end

  # --- model ------------------------------------------------------------------

  # Deterministic pseudo-random weights, uniform in +-1/sqrt(fan_in):
  # samples/digits_mlp.hx's quadratic hash of the
  # element index, exact in integers and f32, so compiled code and the Elixir
  # shims start from the same bits.
  defn noise(shape_iota, seed) do
    h = Nx.remainder(shape_iota * shape_iota * 3 + shape_iota * 7919 + seed, 65536)
    Nx.as_type(h, :f32) / 32768.0 - 1.0
  end

  defn init do
    %{w1: noise(Nx.iota({10, 16}), 1) * 0.3162, b1: noise(Nx.iota({16}), 2) * 0.3162,
      w2: noise(Nx.iota({16, 3}), 3) * 0.25, b2: noise(Nx.iota({3}), 4) * 0.25}
  end

  defn logits(p, x), do: Nx.dot(Nx.tanh(Nx.dot(x, p.w1) + p.b1), p.w2) + p.b2

  # softmax cross-entropy on the logits, integer labels 0..2
  defn loss(y, z) do
    onehot = Nx.equal(Nx.new_axis(y, 1), Nx.iota({1, 3}, axis: 1))
    Nx.mean(Nx.logsumexp(z, axes: [1]) - Nx.sum(onehot * z, axes: [1]))
  end

  defn accuracy(p, x, y), do: Nx.mean(Nx.equal(Nx.argmax(logits(p, x), axis: 1), y))

  def trainer, do: Hx.Loop.trainer(&logits/2, &loss/2, Polaris.Optimizers.adam(learning_rate: 1.0e-2))

  # --- entry point --------------------------------------------------------------

  # {x_train shape, x_test shape, train accuracy, test accuracy}
  def run(path), do: fit(data(DF.from_csv!(path, nil_values: ["NA"])))

  def fit({{x, y}, {xt, yt}}) do
    p = Hx.Loop.run(trainer(), {x, y}, init(), epochs: 20, batch_size: 16, seed: 7)
    {Nx.shape(x), Nx.shape(xt), Nx.to_number(accuracy(p, x, y)), Nx.to_number(accuracy(p, xt, yt))}
  end
end
