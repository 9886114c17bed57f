# Explorer's own doctests (lib/explorer/data_frame.ex, Explorer 0.8/0.9), copied verbatim:
# the expected text in each comment is what real Explorer prints.
defmodule Doctests do
  require Explorer.DataFrame

  # #Explorer.DataFrame<\n  Polars[2 x 2]\n  a string ["a", "b"]\n  b s64 [1, 2]\n>
  def new, do: Explorer.DataFrame.new(a: ["a", "b"], b: [1, 2])

  # floats f64 [1.0, 2.0] / ints s64 [1, nil]
  def new_map, do: Explorer.DataFrame.new(%{floats: [1.0, 2.0], ints: [1, nil]})

  # ** (ArgumentError) cannot create series "ints": the value "wrong" does not match the inferred dtype {:s, 64}
  def new_error, do: Explorer.DataFrame.new(%{floats: [1.0, 2.0], ints: [1, "wrong"]})

  # Polars[3 x 2] / a string ["a", "b", "c"] / b s64 [1, 2, 3]
  def select_range do
    df = Explorer.DataFrame.new(a: ["a", "b", "c"], b: [1, 2, 3], c: [4, 5, 6])
    Explorer.DataFrame.select(df, 0..1)
  end

  # Polars[3 x 1] / c s64 [4, 5, 6]
  def discard do
    df = Explorer.DataFrame.new(a: ["a", "b", "c"], b: [1, 2, 3], c: [4, 5, 6])
    Explorer.DataFrame.discard(df, ["a", "b"])
  end

  # Polars[1 x 3] / a s64 [2] / b s64 [nil] / c s64 [5]
  def drop_nil do
    df = Explorer.DataFrame.new(a: [1, 2, nil], b: [1, nil, 3], c: [nil, 5, 6])
    Explorer.DataFrame.drop_nil(df, [:a, :c])
  end

  # Polars[4 x 3] / col_x_a s64 [1, 0, 1, 0] / col_x_b s64 [0, 1, 0, 0] / col_x_c s64 [0, 0, 0, 1]
  def dummies do
    df = Explorer.DataFrame.new(col_x: ["a", "b", "a", "c"], col_y: ["b", "a", "b", "d"])
    Explorer.DataFrame.dummies(df, "col_x")
  end

  # col_y_b s64 [1, 0, 1, 0] / col_y_a s64 [0, 1, 0, 0] / col_y_d s64 [0, 0, 0, 1]
  def dummies_fun do
    df = Explorer.DataFrame.new(num: [1, 2, 3, 4], col_y: ["b", "a", "b", "d"])
    Explorer.DataFrame.dummies(df, fn _name, type -> type == :string end)
  end

  # Polars[3 x 3] / a string ["a", "b", "c"] / b s64 [1, 2, 3] / c s64 [2, 3, 4]
  def mutate do
    df = Explorer.DataFrame.new(a: ["a", "b", "c"], b: [1, 2, 3])
    Explorer.DataFrame.mutate(df, c: b + 1)
  end

  # Polars[3 x 2] / a s64 [4, 4, 4] / b s64 [1, 2, 3]
  def mutate_scalar do
    df = Explorer.DataFrame.new(a: ["a", "b", "c"], b: [1, 2, 3])
    Explorer.DataFrame.mutate(df, a: 4)
  end

  # Polars[1 x 2] / col1 string ["b"] / col2 s64 [2]
  def filter do
    df = Explorer.DataFrame.new(col1: ["a", "b", "c"], col2: [1, 2, 3])
    Explorer.DataFrame.filter(df, col1 == "b")
  end

  # Polars[2 x 2] / col1 s64 [5, 4] / col2 s64 [1, 2]
  def filter_list do
    df = Explorer.DataFrame.new(col1: [5, 4, 3], col2: [1, 2, 3])
    Explorer.DataFrame.filter(df, [col1 > 3, col2 < 3])
  end

  # Polars[9 x 4] / describe string ["count", "nil_count", "mean", "std", "min", ...]
  # a string ["2", "1", nil, nil, nil, ...] / b f64 [3.0, 0.0, 2.0, 1.0, 1.0, ...]
  # c string ["3", "0", nil, nil, nil, ...]
  def describe do
    df = Explorer.DataFrame.new(a: ["d", nil, "f"], b: [1, 2, 3], c: ["a", "b", "c"])
    Explorer.DataFrame.describe(df)
  end

  # Polars[3 x 4] / x s64 [1, 2, 3] / y string ["a", "b", "c"] / x_1 s64 [4, 5, 6] / a string ["d", "e", "f"]
  def concat_columns do
    df1 = Explorer.DataFrame.new(x: [1, 2, 3], y: ["a", "b", "c"])
    df2 = Explorer.DataFrame.new(x: [4, 5, 6], a: ["d", "e", "f"])
    Explorer.DataFrame.concat_columns([df1, df2])
  end

  # Polars[2 x 2] / a s64 [2, 3] / b string ["b", "c"]
  def slice_range do
    df = Explorer.DataFrame.new(a: [1, 2, 3], b: ["a", "b", "c"])
    Explorer.DataFrame.slice(df, -2..-1)
  end

  # {3, 2}
  def shape do
    df = Explorer.DataFrame.new(floats: [1.0, 2.0, 3.0], ints: [1, 2, 3])
    Explorer.DataFrame.shape(df)
  end

  # %{"floats" => {:f, 64}, "ints" => {:s, 64}}
  def dtypes do
    df = Explorer.DataFrame.new(floats: [1.0, 2.0], ints: [1, 2])
    Explorer.DataFrame.dtypes(df)
  end
end
# CALL: Doctests.new()
# CALL: Doctests.new_map()
# CALL: Doctests.new_error()
# CALL: Doctests.select_range()
# CALL: Doctests.discard()
# CALL: Doctests.drop_nil()
# CALL: Doctests.dummies()
# CALL: Doctests.dummies_fun()
# CALL: Doctests.mutate()
# CALL: Doctests.mutate_scalar()
# CALL: Doctests.filter()
# CALL: Doctests.filter_list()
# CALL: Doctests.describe()
# CALL: Doctests.concat_columns()
# CALL: Doctests.slice_range()
# CALL: Doctests.shape()
# CALL: Doctests.dtypes()
