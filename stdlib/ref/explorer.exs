# Reference implementation (oracle) of hastec's Explorer subset, in plain Elixir.
#
# Real Explorer (Elixir data frames on Polars) is not available on this machine, so the
# differential tests run every data-cleansing program twice: under real Elixir with this
# file and stdlib/ref/nx.exs required, and under hastec. This file re-implements exactly
# the subset hastec compiles, and prints values the way Explorer 0.9.2 prints them
# (dtype names `s64`, `f64`, `boolean`, `string`, `category`, `null`; the
# `#Explorer.DataFrame<` / `#Explorer.Series<` layouts are built with the same
# Inspect.Algebra calls as Explorer's backend `inspect/5`).
#
#     elixir -r stdlib/ref/nx.exs -r stdlib/ref/explorer.exs prog.hx
#
# Frames are plain structs of column lists; no dependency besides Elixir (Nx is used at run
# time only by Series.to_tensor/1 and the Nx.stack/2 input of a frame). Every deviation
# from Explorer/Polars is listed in stdlib/ref/README.md ("Explorer shim").
#
# Values inside columns: integers, floats, true/false, binaries, nil (missing) and, in
# f64 columns only, the atoms :nan, :infinity and :neg_infinity (as Explorer's to_list
# returns them).

defmodule Explorer.Shared do
  @moduledoc false
  # Private helpers shared by DataFrame, Series and Query (names follow Explorer.Shared).

  @dtypes [{:s, 64}, {:f, 64}, :boolean, :string, :category, :null]

  # The list Explorer 0.9 prints in "expected one of" messages.
  @all_dtypes [
    {:s, 8}, {:s, 16}, {:s, 32}, {:s, 64}, {:u, 8}, {:u, 16}, {:u, 32}, {:u, 64},
    {:naive_datetime, :millisecond}, {:naive_datetime, :microsecond},
    {:naive_datetime, :nanosecond}, {:duration, :millisecond}, {:duration, :microsecond},
    {:duration, :nanosecond}, :null, :binary, :boolean, :category, :date, {:f, 32},
    {:f, 64}, :string, :time, {:list, :any}, {:struct, :any}
  ]

  def dtypes, do: @dtypes

  def normalise_dtype(dtype) when dtype in @dtypes, do: dtype
  def normalise_dtype(dtype) when dtype in [:float, :f64], do: {:f, 64}
  def normalise_dtype(dtype) when dtype in [:integer, :s64], do: {:s, 64}
  def normalise_dtype(_), do: nil

  def normalise_dtype!(dtype) do
    if dtype in @all_dtypes and normalise_dtype(dtype) == nil do
      raise ArgumentError, "dtype #{inspect(dtype)} is not supported by hastec's Explorer subset"
    end

    normalise_dtype(dtype) ||
      raise ArgumentError,
            "unsupported dtype #{inspect(dtype)}, expected one of #{inspect_dtypes(@all_dtypes)}"
  end

  def check_dtype!(key, value) do
    normalise_dtype(value) ||
      raise ArgumentError,
            "invalid dtype #{inspect(value)} for #{inspect(key)} (expected one of #{inspect(@all_dtypes)})"
  end

  def inspect_dtypes([dtype]), do: inspect(dtype)

  def inspect_dtypes(dtypes) do
    {items, [last]} = Enum.split(Enum.sort(dtypes), -1)
    Enum.map_join(items, ", ", &inspect/1) <> " and " <> inspect(last)
  end

  def dtype_to_string({:f, size}), do: "f#{size}"
  def dtype_to_string({:s, size}), do: "s#{size}"
  def dtype_to_string({:u, size}), do: "u#{size}"
  def dtype_to_string(other) when is_atom(other), do: Atom.to_string(other)

  def numeric?({:f, 64}), do: true
  def numeric?({:s, 64}), do: true
  def numeric?(_), do: false

  # How Explorer.Shared.to_doc/2 prints one value inside `[...]`.
  def to_doc(item, _opts) do
    case item do
      nil -> "nil"
      :nan -> "NaN"
      :infinity -> "Inf"
      :neg_infinity -> "-Inf"
      i when is_binary(i) -> inspect(i)
      _ -> Kernel.to_string(item)
    end
  end

  # Type of a list of Elixir values, as Explorer.Shared.dtype_from_list!/1 infers it.
  def dtype_from_list!(list) do
    Enum.reduce(list, :null, &infer_type/2)
  end

  @non_finite [:nan, :infinity, :neg_infinity]

  defp infer_type(nil, type), do: type
  defp infer_type(item, :null), do: infer_type(item)
  defp infer_type(integer, {:f, 64}) when is_integer(integer), do: {:f, 64}
  defp infer_type(float, {:s, 64}) when is_float(float) or float in @non_finite, do: {:f, 64}

  defp infer_type(item, type) do
    if infer_type(item) == type do
      type
    else
      raise ArgumentError,
            "the value #{inspect(item)} does not match the inferred dtype #{inspect(type)}"
    end
  end

  defp infer_type(item) when is_integer(item), do: {:s, 64}
  defp infer_type(item) when is_float(item) or item in @non_finite, do: {:f, 64}
  defp infer_type(item) when is_boolean(item), do: :boolean
  defp infer_type(item) when is_binary(item), do: :string
  defp infer_type(item), do: raise(ArgumentError, "unsupported datatype: #{inspect(item)}")

  # Column lookup with Explorer's error message (Explorer.Shared.to_existing_columns/2).
  def to_existing_columns(df, columns) when is_list(columns) do
    Enum.map(columns, fn
      column when is_integer(column) ->
        n = length(df.names)
        idx = if column < 0, do: column + n, else: column

        if idx < 0 or idx >= n,
          do: raise(ArgumentError, "no column exists at index #{column}"),
          else: Enum.at(df.names, idx)

      column when is_atom(column) ->
        column = Atom.to_string(column)
        maybe_raise_column_not_found(df, column)
        column

      column when is_binary(column) ->
        maybe_raise_column_not_found(df, column)
        column
    end)
  end

  def to_existing_columns(%{names: names}, %Range{} = range), do: Enum.slice(names, range)

  def to_existing_columns(%{names: names}, fun) when is_function(fun, 1),
    do: Enum.filter(names, fun)

  def to_existing_columns(%{names: names, dtypes: dtypes}, fun) when is_function(fun, 2),
    do: Enum.filter(names, &fun.(&1, dtypes[&1]))

  def to_existing_columns(_df, other) do
    raise ArgumentError,
          "invalid columns specification. Columns may be specified as one of: a list of " <>
            "columns indexes or names as atoms and strings, a range, or a one-arity or " <>
            "two-arity function. Got: #{inspect(other)}"
  end

  def maybe_raise_column_not_found(df, name) do
    unless Map.has_key?(df.dtypes, name) do
      raise ArgumentError,
            List.to_string(
              ["could not find column name \"#{name}\"" | did_you_mean(name, df.names)] ++
                ["\nIf you are attempting to interpolate a value, use ^#{name}.\n"]
            )
    end
  end

  @threshold 0.77
  @max_suggestions 5

  def did_you_mean(missing_key, available_keys) do
    suggestions =
      for key <- available_keys,
          distance = String.jaro_distance(missing_key, key),
          distance >= @threshold,
          do: {distance, key}

    case suggestions do
      [] -> [". The available columns are: #{inspect(available_keys)}."]
      suggestions -> [". Did you mean:\n\n" | format_suggestions(suggestions)]
    end
  end

  defp format_suggestions(suggestions) do
    suggestions
    |> Enum.sort(&(elem(&1, 0) >= elem(&2, 0)))
    |> Enum.take(@max_suggestions)
    |> Enum.sort(&(elem(&1, 1) <= elem(&2, 1)))
    |> Enum.map(fn {_, key} -> ["      * ", inspect(key), ?\n] end)
  end

  # Float text as Polars' CSV writer prints it (Rust `ryu`): shortest round-trip digits,
  # "1.0" for integral values, plain decimals for 1e-5 <= |x| < 1e16, else "1e16"/"1.5e-7".
  def csv_float(:nan), do: "NaN"
  def csv_float(:infinity), do: "inf"
  def csv_float(:neg_infinity), do: "-inf"

  def csv_float(x) when is_float(x) do
    if x == 0.0 do
      if Float.to_string(x) == "-0.0", do: "-0.0", else: "0.0"
    else
      {sign, digits, exp} = float_digits(x)
      # value = 0.DIGITS * 10^exp
      n = byte_size(digits)

      cond do
        exp > 16 or exp < -4 ->
          mant =
            case digits do
              <<d::binary-size(1)>> -> d
              <<d::binary-size(1), rest::binary>> -> d <> "." <> rest
            end

          sign <> mant <> "e" <> Integer.to_string(exp - 1)

        exp <= 0 ->
          sign <> "0." <> String.duplicate("0", -exp) <> digits

        exp >= n ->
          sign <> digits <> String.duplicate("0", exp - n) <> ".0"

        true ->
          <<int::binary-size(exp), frac::binary>> = digits
          sign <> int <> "." <> frac
      end
    end
  end

  # Shortest round-trip decimal digits of a nonzero float: {sign, "DIGITS", exp} with
  # x = 0.DIGITS * 10^exp.
  defp float_digits(x) do
    sign = if x < 0, do: "-", else: ""
    text = Float.to_string(abs(x))

    {mantissa, e} =
      case String.split(text, "e") do
        [m] -> {m, 0}
        [m, e] -> {m, String.to_integer(e)}
      end

    [int, frac] = String.split(mantissa, ".")
    all = int <> frac
    lead = byte_size(all) - byte_size(String.trim_leading(all, "0"))
    digits = all |> String.trim_leading("0") |> String.trim_trailing("0")
    digits = if digits == "", do: "0", else: digits
    {sign, digits, byte_size(int) + e - lead}
  end
end

defmodule Explorer.Series do
  @moduledoc """
  The Series subset of the reference shim: a dtype && a list of values.

  Categories keep their dictionary (`categories`, in order of first appearance, as a
  Polars local categorical does) so that `to_tensor/1` returns the same codes.
  """
  import Kernel, except: [is_nil: 1, abs: 1]
  @compile {:no_warn_undefined, Nx}
  alias Explorer.Shared
  alias __MODULE__, as: Series

  @enforce_keys [:dtype, :values]
  defstruct [:dtype, :values, :name, categories: nil]

  @behaviour Access

  ## Construction and conversion

  def from_list(list, opts \\ []) when is_list(list) do
    opts = Keyword.validate!(opts, [:dtype, :backend])
    inferred = Shared.dtype_from_list!(list)

    case opts[:dtype] do
      nil ->
        new(list, inferred)

      dtype ->
        dtype = Shared.normalise_dtype!(dtype)
        if inferred in [dtype, :null], do: new(list, dtype), else: cast(new(list, inferred), dtype)
    end
  end

  @doc false
  def new(values, {:f, 64}), do: %Series{dtype: {:f, 64}, values: Enum.map(values, &to_float/1)}
  def new(values, :category), do: categorise(values)
  def new(values, dtype), do: %Series{dtype: dtype, values: values}

  defp categorise(values) do
    cats = values |> Enum.reject(&Kernel.is_nil/1) |> Enum.uniq()
    %Series{dtype: :category, values: values, categories: cats}
  end

  defp to_float(x) when is_integer(x), do: x * 1.0
  defp to_float(x), do: x

  def to_list(%Series{values: values}), do: values
  def size(%Series{values: values}), do: length(values)
  def dtype(%Series{dtype: dtype}), do: dtype

  @doc "Element-wise conversion to `dtype` (`:category`, `:string`, `{:f, 64}`, `{:s, 64}`...)."
  def cast(%Series{} = series, dtype) do
    dtype = Shared.normalise_dtype!(dtype)
    do_cast(series, dtype)
  end

  defp do_cast(%Series{dtype: dtype} = s, dtype), do: s
  defp do_cast(%Series{values: v}, :category), do: categorise(Enum.map(v, &cast_string/1))
  defp do_cast(%Series{values: v}, :string), do: new(Enum.map(v, &cast_string/1), :string)

  defp do_cast(%Series{dtype: from, values: v}, {:f, 64}) when from in [{:s, 64}, :boolean, :null],
    do: new(Enum.map(v, &num/1), {:f, 64})

  defp do_cast(%Series{dtype: from, values: v}, {:s, 64}) when from in [{:f, 64}, :boolean, :null] do
    new(
      Enum.map(v, fn
        nil -> nil
        b when is_boolean(b) -> num(b)
        x when is_float(x) -> trunc(x)
        other -> raise ArgumentError, "cannot cast #{Shared.to_doc(other, nil)} to s64"
      end),
      {:s, 64}
    )
  end

  defp do_cast(%Series{dtype: from}, to) do
    raise ArgumentError,
          "cannot cast series of dtype #{inspect(from)} to #{inspect(to)} in the reference shim"
  end

  defp num(nil), do: nil
  defp num(true), do: 1
  defp num(false), do: 0
  defp num(x) when is_integer(x), do: x * 1.0
  defp num(x), do: x

  defp cast_string(nil), do: nil
  defp cast_string(s) when is_binary(s), do: s
  defp cast_string(x) when is_float(x) when x in [:nan, :infinity, :neg_infinity], do: Shared.csv_float(x)
  defp cast_string(x), do: to_string(x)

  @doc """
  The series as an `Nx` tensor: f64 -> {:f, 64}, s64 -> {:s, 64}, boolean -> {:u, 8},
  category -> its {:u, 32} codes. Uses only `Nx.tensor(list, type: type)`.
  """
  def to_tensor(%Series{} = series, opts \\ []) do
    Keyword.validate!(opts, [:backend])
    {type, values} = tensor_values(series)
    unless Code.ensure_loaded?(Nx), do: raise("Explorer.Series.to_tensor/2 needs stdlib/ref/nx.exs")
    Nx.tensor(values, type: type)
  end

  @doc false
  def tensor_values(%Series{dtype: dtype, values: values} = series) do
    type = iotype!(series)

    if Enum.any?(values, &Kernel.is_nil/1) do
      raise ArgumentError,
            "cannot convert a series with nil values into a tensor (#{nil_count(series)} of #{length(values)} are nil)"
    end

    values =
      case dtype do
        :boolean -> Enum.map(values, &num/1)
        :category ->
          index = series.categories |> Enum.with_index() |> Map.new()
          Enum.map(values, &Map.fetch!(index, &1))
        _ -> values
      end

    {type, values}
  end

  @doc false
  def iotype!(%Series{dtype: dtype}) do
    case dtype do
      {:f, 64} -> {:f, 64}
      {:s, 64} -> {:s, 64}
      :boolean -> {:u, 8}
      :category -> {:u, 32}
      other -> raise ArgumentError, "cannot convert dtype #{Shared.dtype_to_string(other)} into a binary/tensor type"
    end
  end

  ## Access

  @impl Access
  def fetch(%Series{values: values} = s, idx) when is_integer(idx) do
    size = length(values)
    i = if idx < 0, do: idx + size, else: idx

    if i < 0 || i >= size,
      do: raise(ArgumentError, "index #{idx} out of bounds for series of size #{size}")

    _ = s
    {:ok, Enum.at(values, i)}
  end

  @impl Access
  def get_and_update(_s, _key, _fun), do: raise(ArgumentError, "Explorer.Series does !support updates")

  @impl Access
  def pop(_s, _key), do: raise(ArgumentError, "Explorer.Series does !support pop")

  ## Aggregations (nils are skipped, as in Polars)

  defp present(%Series{values: values}), do: Enum.reject(values, &Kernel.is_nil/1)

  def count(%Series{} = s), do: length(present(s))
  def nil_count(%Series{values: values}), do: Enum.count(values, &Kernel.is_nil/1)

  def sum(%Series{dtype: dtype} = s) do
    numeric!(s, :sum)
    zero = if dtype == {:s, 64}, do: 0, else: 0.0
    Enum.reduce(present(s), zero, &fadd(&2, &1))
  end

  def mean(%Series{} = s) do
    numeric!(s, :mean)

    case present(s) do
      [] -> nil
      xs -> fdiv(Enum.reduce(xs, 0.0, &fadd(&2, &1)), length(xs) * 1.0)
    end
  end

  def variance(%Series{} = s, opts \\ []) do
    numeric!(s, :variance)
    ddof = Keyword.get(Keyword.validate!(opts, ddof: 1), :ddof)
    xs = present(s)
    n = length(xs)

    if n <= ddof do
      nil
    else
      m = mean(s)
      ss = Enum.reduce(xs, 0.0, fn x, acc -> fadd(acc, fmul(fsub(x, m), fsub(x, m))) end)
      fdiv(ss, (n - ddof) * 1.0)
    end
  end

  def standard_deviation(%Series{} = s, opts \\ []) do
    case variance(s, opts) do
      nil -> nil
      v -> fsqrt(v)
    end
  end

  def min(%Series{} = s), do: extreme(s, :min)
  def max(%Series{} = s), do: extreme(s, :max)

  defp extreme(%Series{dtype: dtype} = s, which) do
    unless Shared.numeric?(dtype) || dtype in [:string, :category, :null],
      do: raise(ArgumentError, "Explorer.Series.#{which}/1 !implemented for dtype #{inspect(dtype)}")

    case present(s) do
      [] -> nil
      xs -> Enum.reduce(xs, fn x, acc -> pick(which, x, acc) end)
    end
  end

  defp pick(:min, x, acc), do: if(lt(x, acc), do: x, else: acc)
  defp pick(:max, x, acc), do: if(lt(acc, x), do: x, else: acc)

  # Polars' total order for floats: NaN above everything.
  defp lt(:nan, _), do: false
  defp lt(_, :nan), do: true
  defp lt(a, b), do: key(a) < key(b)

  defp key(:infinity), do: {1, 0}
  defp key(:neg_infinity), do: {-1, 0}
  defp key(x) when is_number(x), do: {0, x}
  defp key(x), do: x

  @doc "Quantile with Polars' `nearest` interpolation (what Explorer's Polars backend uses)."
  def quantile(%Series{} = s, q) when is_number(q) do
    numeric!(s, :quantile)

    case Enum.sort(present(s), &(!lt(&2, &1))) do
      [] -> nil
      sorted -> Enum.at(sorted, nearest_index(q, length(sorted)))
    end
  end

  # Rust's f64::round rounds half away from zero.
  defp nearest_index(q, n), do: round_half_away((n - 1) * q)
  defp round_half_away(x), do: if(x >= 0, do: trunc(x + 0.5), else: -trunc(-x + 0.5))

  def median(%Series{} = s) do
    numeric!(s, :median)

    case Enum.sort(present(s), &(!lt(&2, &1))) do
      [] -> nil
      sorted ->
        n = length(sorted)
        if rem(n, 2) == 1 do
          to_float(Enum.at(sorted, div(n, 2)))
        else
          fdiv(fadd(Enum.at(sorted, div(n, 2) - 1), Enum.at(sorted, div(n, 2))), 2.0)
        end
    end
  end

  defp numeric!(%Series{dtype: dtype}, fun) do
    unless Shared.numeric?(dtype) || dtype == :null do
      raise ArgumentError,
            "Explorer.Series.#{fun}/1 not implemented for dtype #{inspect(dtype)}. " <>
              "Valid dtypes are {:f, 64} and {:s, 64}"
    end
  end

  ## Missing values

  @doc "Replaces nils by a strategy (`:forward :backward :mean :min :max`) || a value."
  def fill_missing(%Series{values: values} = s, :forward) do
    {out, _} = Enum.map_reduce(values, nil, fn v, last -> if Kernel.is_nil(v), do: {last, last}, else: {v, v} end)
    %{s | values: out}
  end

  def fill_missing(%Series{values: values} = s, :backward) do
    {out, _} =
      values |> Enum.reverse() |> Enum.map_reduce(nil, fn v, next -> if Kernel.is_nil(v), do: {next, next}, else: {v, v} end)

    %{s | values: Enum.reverse(out)}
  end

  def fill_missing(%Series{} = s, strategy) when strategy in [:min, :max] do
    fill_with(s, apply(__MODULE__, strategy, [s]))
  end

  def fill_missing(%Series{dtype: dtype} = s, :mean) do
    m = mean(s)
    # Polars casts the mean back to the column type: integers truncate.
    m = if dtype == {:s, 64} && is_float(m), do: trunc(m), else: m
    fill_with(s, m)
  end

  def fill_missing(%Series{dtype: dtype} = s, value) do
    cond do
      Kernel.is_nil(value) -> s
      dtype == {:s, 64} && is_integer(value) -> fill_with(s, value)
      dtype == {:s, 64} && is_float(value) -> fill_with(cast(s, {:f, 64}), value)
      dtype == {:f, 64} && (is_number(value) || value in [:nan, :infinity, :neg_infinity]) -> fill_with(s, to_float(value))
      dtype == :boolean && is_boolean(value) -> fill_with(s, value)
      dtype == :string && is_binary(value) -> fill_with(s, value)
      dtype == :category && is_binary(value) -> categorise(Enum.map(s.values, &(&1 || value)))
      dtype == :null -> from_list(Enum.map(s.values, fn _ -> value end))
      true ->
        raise ArgumentError,
              "cannot invoke Explorer.Series.fill_missing/2 with mismatched dtypes: #{inspect(dtype)} and #{inspect(value)}"
    end
  end

  defp fill_with(s, nil), do: s
  defp fill_with(%Series{values: values} = s, value), do: %{s | values: Enum.map(values, &if(Kernel.is_nil(&1), do: value, else: &1))}

  def is_nil(%Series{values: v}), do: new(Enum.map(v, &Kernel.is_nil/1), :boolean)
  def is_not_nil(%Series{values: v}), do: new(Enum.map(v, &(!Kernel.is_nil(&1))), :boolean)

  @doc "Distinct values in order of first appearance."
  def distinct(%Series{values: values} = s), do: %{s | values: Enum.uniq(values), name: nil}

  def slice(%Series{values: values} = s, offset, length) do
    {start, len} = Explorer.DataFrame.slice_offsets(offset, length, Kernel.length(values))
    %{s | values: Enum.slice(values, start, len)}
  end

  ## Element-wise operations (used by Explorer.Query; also callable directly)

  def add(a, b), do: arith(:add, a, b)
  def subtract(a, b), do: arith(:subtract, a, b)
  def multiply(a, b), do: arith(:multiply, a, b)
  def divide(a, b), do: arith(:divide, a, b)
  def pow(a, b), do: arith(:pow, a, b)
  def negate(a), do: arith(:multiply, a, -1)

  def equal(a, b), do: compare(:equal, a, b)
  def not_equal(a, b), do: compare(:not_equal, a, b)
  def greater(a, b), do: compare(:greater, a, b)
  def greater_equal(a, b), do: compare(:greater_equal, a, b)
  def less(a, b), do: compare(:less, a, b)
  def less_equal(a, b), do: compare(:less_equal, a, b)

  def unquote(:and)(a, b), do: logic(:and, a, b)
  def unquote(:or)(a, b), do: logic(:or, a, b)

  def unquote(:not)(%Series{dtype: :boolean, values: v}),
    do: new(Enum.map(v, fn nil -> nil; x -> !x end), :boolean)

  def abs(%Series{} = s), do: map_numeric(s, :abs, fn x when is_integer(x) -> Kernel.abs(x); x -> fabs(x) end, :same)
  def sqrt(%Series{} = s), do: map_numeric(s, :sqrt, &fsqrt/1, {:f, 64})
  def exp(%Series{} = s), do: map_numeric(s, :exp, &fexp/1, {:f, 64})
  def log(%Series{} = s), do: map_numeric(s, :log, &flog/1, {:f, 64})

  defp map_numeric(%Series{dtype: dtype, values: v} = s, fun, f, out) do
    numeric!(s, fun)
    out = if out == :same, do: dtype, else: out
    new(Enum.map(v, fn nil -> nil; x -> f.(x) end), out)
  end

  defp dtype_of(%Series{dtype: d}), do: d
  defp dtype_of(x) when is_integer(x), do: {:s, 64}
  defp dtype_of(x) when is_float(x) when x in [:nan, :infinity, :neg_infinity], do: {:f, 64}
  defp dtype_of(x) when is_boolean(x), do: :boolean
  defp dtype_of(x) when is_binary(x), do: :string
  defp dtype_of(nil), do: :null

  defp values_of(%Series{values: v}, _n), do: v
  defp values_of(x, n), do: List.duplicate(x, n)

  defp len_of(%Series{values: v}), do: length(v)
  defp len_of(_), do: nil

  defp zip2(op, a, b, fun) do
    n =
      case {len_of(a), len_of(b)} do
        {nil, nil} -> 1
        {n, nil} -> n
        {nil, n} -> n
        {1, n} -> n
        {n, 1} -> n
        {n, n} -> n
        {n, m} -> raise ArgumentError, "Explorer.Series.#{op}/2 expects series of the same size, got #{n} && #{m}"
      end

    va = if len_of(a) == 1 && n != 1, do: values_of(hd(a.values), n), else: values_of(a, n)
    vb = if len_of(b) == 1 && n != 1, do: values_of(hd(b.values), n), else: values_of(b, n)
    Enum.zip_with(va, vb, fun)
  end

  defp arith(op, a, b) do
    da = dtype_of(a)
    db = dtype_of(b)

    unless (Shared.numeric?(da) || da == :null) && (Shared.numeric?(db) || db == :null) do
      raise ArgumentError,
            "cannot invoke Explorer.Series.#{op}/2 with mismatched dtypes: #{inspect(da)} and #{inspect(db)}"
    end

    out =
      cond do
        op == :divide -> {:f, 64}
        da == {:f, 64} || db == {:f, 64} -> {:f, 64}
        op == :pow && da == :null -> {:s, 64}
        true -> {:s, 64}
      end

    values =
      zip2(op, a, b, fn
        nil, _ -> nil
        _, nil -> nil
        x, y -> scalar_arith(op, out, x, y)
      end)

    new(values, out)
  end

  @int_min -9_223_372_036_854_775_808
  @int_range 18_446_744_073_709_551_616

  defp wrap(i) when is_integer(i), do: Integer.mod(i - @int_min, @int_range) + @int_min

  defp scalar_arith(op, {:s, 64}, x, y) do
    case op do
      :add -> wrap(x + y)
      :subtract -> wrap(x - y)
      :multiply -> wrap(x * y)
      :pow when y >= 0 -> wrap(Integer.pow(x, y))
      :pow -> raise ArgumentError, "negative exponent with an integer base"
    end
  end

  defp scalar_arith(op, {:f, 64}, x, y) do
    x = to_float(x)
    y = to_float(y)

    case op do
      :add -> fadd(x, y)
      :subtract -> fsub(x, y)
      :multiply -> fmul(x, y)
      :divide -> fdiv(x, y)
      :pow -> fpow(x, y)
    end
  end

  defp compare(op, a, b) do
    da = dtype_of(a)
    db = dtype_of(b)

    ok =
      da == db || da == :null || db == :null || (Shared.numeric?(da) && Shared.numeric?(db)) ||
        (da in [:string, :category] && db in [:string, :category])

    unless ok do
      raise ArgumentError,
            "cannot invoke Explorer.Series.#{op}/2 with mismatched dtypes: #{inspect(da)} and #{inspect(db)}"
    end

    values =
      zip2(op, a, b, fn
        nil, _ -> nil
        _, nil -> nil
        x, y -> scalar_compare(op, x, y)
      end)

    new(values, :boolean)
  end

  # NaN compares equal to NaN and above every number (Polars' total order).
  defp scalar_compare(op, x, y) do
    eq = x == y || (is_number(x) && is_number(y) && x == y)

    case op do
      :equal -> eq
      :not_equal -> !eq
      :greater -> lt(y, x)
      :greater_equal -> eq || lt(y, x)
      :less -> lt(x, y)
      :less_equal -> eq || lt(x, y)
    end
  end

  defp logic(op, a, b) do
    unless dtype_of(a) in [:boolean, :null] && dtype_of(b) in [:boolean, :null] do
      raise ArgumentError,
            "cannot invoke Explorer.Series.#{op}/2 with mismatched dtypes: #{inspect(dtype_of(a))} and #{inspect(dtype_of(b))}"
    end

    # Kleene logic, as Polars.
    values =
      zip2(op, a, b, fn
        x, y when op == :and ->
          cond do
            x == false || y == false -> false
            x == nil || y == nil -> nil
            true -> true
          end

        x, y ->
          cond do
            x == true || y == true -> true
            x == nil || y == nil -> nil
            true -> false
          end
      end)

    new(values, :boolean)
  end

  ## IEEE-754 double arithmetic with :nan / :infinity / :neg_infinity (Elixir raises instead)

  @doc false
  def fadd(x, y), do: ieee(:add, x, y)
  @doc false
  def fsub(x, y), do: ieee(:sub, x, y)
  @doc false
  def fmul(x, y), do: ieee(:mul, x, y)
  @doc false
  def fdiv(x, y), do: ieee(:div, x, y)

  defp ieee(op, x, y) when Kernel.and(is_number(x), is_number(y)) do
    case op do
      :add -> x + y
      :sub -> x - y
      :mul -> x * y
      :div when y == 0 -> div_by_zero(x, y)
      :div -> x / y
    end
  rescue
    ArithmeticError -> overflow(op, x, y)
  end

  defp ieee(op, x, y), do: special(op, x, y)

  defp div_by_zero(x, y) do
    cond do
      x == 0 -> :nan
      (x > 0) == (sign_bit(y) == 0) -> :infinity
      true -> :neg_infinity
    end
  end

  defp sign_bit(y) do
    <<s::1, _::63>> = <<y * 1.0::float-64>>
    s
  end

  defp overflow(op, x, y) do
    approx =
      case op do
        :add -> x / 2 + y / 2
        :sub -> x / 2 - y / 2
        :mul -> if (x < 0) == (y < 0), do: 1.0, else: -1.0
        :div -> if (x < 0) == (y < 0), do: 1.0, else: -1.0
      end

    if approx > 0, do: :infinity, else: :neg_infinity
  end

  defp inf_sign(:infinity), do: 1
  defp inf_sign(:neg_infinity), do: -1
  defp inf_sign(x) when x > 0, do: 1
  defp inf_sign(x) when x < 0, do: -1
  defp inf_sign(_), do: 0

  defp from_sign(1), do: :infinity
  defp from_sign(-1), do: :neg_infinity

  defp special(_op, :nan, _), do: :nan
  defp special(_op, _, :nan), do: :nan

  defp special(:add, x, y) do
    cond do
      is_atom(x) && is_atom(y) -> if x == y, do: x, else: :nan
      is_atom(x) -> x
      true -> y
    end
  end

  defp special(:sub, x, y), do: special(:add, x, neg(y))

  defp special(:mul, x, y) do
    s = inf_sign(x) * inf_sign(y)
    if s == 0, do: :nan, else: from_sign(s)
  end

  defp special(:div, x, y) do
    cond do
      is_atom(x) && is_atom(y) -> :nan
      is_atom(x) -> from_sign(inf_sign(x) * if(sign_bit(y) == 0, do: 1, else: -1))
      true -> x * 0.0 * if(inf_sign(y) > 0, do: 1, else: -1)
    end
  end

  defp neg(:infinity), do: :neg_infinity
  defp neg(:neg_infinity), do: :infinity
  defp neg(x), do: -x

  defp fsqrt(x) when Kernel.and(is_number(x), x >= 0), do: :math.sqrt(x)
  defp fsqrt(:infinity), do: :infinity
  defp fsqrt(_), do: :nan

  defp fabs(x) when is_number(x), do: Kernel.abs(x)
  defp fabs(:nan), do: :nan
  defp fabs(_), do: :infinity

  defp fexp(:infinity), do: :infinity
  defp fexp(:neg_infinity), do: 0.0
  defp fexp(:nan), do: :nan

  defp fexp(x) do
    :math.exp(x)
  rescue
    ArithmeticError -> :infinity
  end

  defp flog(:infinity), do: :infinity
  defp flog(x) when Kernel.and(is_number(x), x > 0), do: :math.log(x)
  defp flog(x) when Kernel.and(is_number(x), x == 0), do: :neg_infinity
  defp flog(_), do: :nan

  defp fpow(x, y) when Kernel.and(is_number(x), is_number(y)) do
    if x < 0 && y != Float.round(y) do
      :nan
    else
      :math.pow(x, y)
    end
  rescue
    ArithmeticError -> if x == 0, do: :infinity, else: :infinity
  end

  defp fpow(_x, _y), do: :nan

  defimpl Inspect do
    import Inspect.Algebra
    alias Inspect.Algebra, as: A

    def inspect(series, opts) do
      force_unfit(
        concat([
          color("#Explorer.Series<", :map, opts),
          nest(concat([line(), inner(series, opts)]), 2),
          line(),
          color(">", :map, opts)
        ])
      )
    end

    # Explorer.Backend.Series.inspect/5 with the "Polars" backend name.
    defp inner(series, opts) do
      open = A.color("[", :list, opts)
      close = A.color("]", :list, opts)
      type = Explorer.Shared.dtype_to_string(series.dtype)
      dtype = A.color("#{type} ", :atom, opts)

      values =
        case opts.limit do
          :infinity -> series.values
          limit when is_integer(limit) -> Enum.take(series.values, limit + 1)
        end

      data = A.container_doc(open, values, close, opts, &Explorer.Shared.to_doc/2)

      A.concat([
        A.color("Polars", :atom, opts),
        open,
        "#{length(series.values)}",
        close,
        A.line(),
        dtype,
        data
      ])
    end
  end
end

defmodule Explorer.Query do
  @moduledoc """
  The query macros behind `DataFrame.mutate/2` and `DataFrame.filter/2`.

  As in Explorer.Query, every bare variable is a column of the frame, `^expr` brings an
  Elixir value in, `col("name")` names a column by string, and operators and the
  functions below work element-wise on series (scalars broadcast):

    * `+ - * / **` (and `pow/2`), unary `-`
    * `== != < <= > >=`, `and or not`
    * aggregations, which give one value broadcast to every row: `mean min max sum count
      nil_count standard_deviation variance median quantile`
    * `is_nil is_not_nil fill_missing cast abs sqrt exp log`
  """

  @series_funs ~w(mean min max sum count nil_count standard_deviation variance median quantile
                  is_nil is_not_nil fill_missing cast abs sqrt exp log pow)a

  @binops %{
    +: :add,
    -: :subtract,
    *: :multiply,
    /: :divide,
    **: :pow,
    ==: :equal,
    !=: :not_equal,
    >: :greater,
    >=: :greater_equal,
    <: :less,
    <=: :less_equal,
    and: :and,
    or: :or
  }

  @doc "Turns a query expression into a one-argument function of the frame."
  defmacro query(expr) do
    df = Macro.var(:df, __MODULE__)
    body = rewrite(expr, df)

    quote do
      fn unquote(df) -> unquote(body) end
    end
  end

  defp rewrite({:^, _, [value]}, _df), do: value

  defp rewrite({:col, _, [name]}, df) do
    quote do: Explorer.DataFrame.pull(unquote(df), unquote(name))
  end

  defp rewrite({name, _meta, ctx}, df) when is_atom(name) and is_atom(ctx) do
    quote do: Explorer.DataFrame.pull(unquote(df), unquote(Atom.to_string(name)))
  end

  defp rewrite({:-, _, [arg]}, df) do
    quote do: Explorer.Query.__negate__(unquote(rewrite(arg, df)))
  end

  defp rewrite({:not, _, [arg]}, df) do
    quote do: Explorer.Series.not(unquote(rewrite(arg, df)))
  end

  defp rewrite({op, _, [a, b]}, df) when is_map_key(@binops, op) do
    fun = Map.fetch!(@binops, op)

    quote do
      Explorer.Query.__binop__(unquote(fun), unquote(rewrite(a, df)), unquote(rewrite(b, df)))
    end
  end

  defp rewrite({fun, _, args}, df) when fun in @series_funs and is_list(args) do
    [first | rest] = args
    rest = Enum.map(rest, fn arg -> rewrite_arg(arg, df) end)

    quote do
      Explorer.Series.unquote(fun)(unquote(rewrite(first, df)), unquote_splicing(rest))
    end
  end

  defp rewrite({fun, _, args}, _df) when is_atom(fun) and is_list(args) and fun not in [:{}, :%{}, :__block__] do
    raise ArgumentError, "Explorer.Query: unsupported function #{fun}/#{length(args)} in a query"
  end

  defp rewrite({a, b}, df), do: {rewrite(a, df), rewrite(b, df)}
  defp rewrite(list, df) when is_list(list), do: Enum.map(list, &rewrite(&1, df))
  defp rewrite({:%{}, meta, pairs}, df), do: {:%{}, meta, Enum.map(pairs, &rewrite(&1, df))}
  defp rewrite(other, _df), do: other

  # Literal options (atoms, numbers, dtype tuples) stay as they are.
  defp rewrite_arg({:^, _, [value]}, _df), do: value
  defp rewrite_arg({a, b}, _df) when is_atom(a) and is_integer(b), do: {a, b}
  defp rewrite_arg(arg, df), do: rewrite(arg, df)

  @doc false
  def __binop__(fun, %Explorer.Series{} = a, b), do: apply(Explorer.Series, fun, [a, b])
  def __binop__(fun, a, %Explorer.Series{} = b), do: apply(Explorer.Series, fun, [a, b])

  # Two scalars (e.g. mean(x) - 1): lift to one-element series, result broadcasts.
  def __binop__(fun, a, b) do
    s = apply(Explorer.Series, fun, [Explorer.Series.from_list([a]), b])
    hd(s.values)
  end

  @doc false
  def __negate__(%Explorer.Series{} = s), do: Explorer.Series.negate(s)
  def __negate__(x), do: __binop__(:multiply, x, -1)
end

defmodule Explorer.DataFrame do
  @moduledoc """
  The DataFrame subset of the reference shim: ordered column names, a dtype per column,
  a list of values per column.
  """
  alias Explorer.{Series, Shared}
  alias __MODULE__, as: DF

  @enforce_keys [:names, :dtypes, :columns, :n_rows]
  defstruct [:names, :dtypes, :columns, :n_rows, groups: []]

  @behaviour Access

  defguardp is_column(c) when is_binary(c) or is_atom(c) or is_integer(c)

  ## Construction

  @doc "A frame from a keyword list or map of columns (lists or series)."
  def new(data, opts \\ []) do
    opts = Keyword.validate!(opts, dtypes: [], backend: nil, lazy: false)
    dtypes = Map.new(opts[:dtypes], fn {k, v} -> {to_string(k), Shared.check_dtype!(k, v)} end)

    pairs =
      for {name, values} <- data do
        name = to_string(name)

        series =
          case values do
            %Series{} = s -> s
            list when is_list(list) ->
              try do
                Series.from_list(list, dtype: dtypes[name])
              rescue
                e in ArgumentError ->
                  reraise ArgumentError, "cannot create series #{inspect(name)}: " <> e.message, __STACKTRACE__
              end
          end

        {name, series}
      end

    from_series(pairs)
  end

  @doc false
  def from_series(pairs) do
    sizes = pairs |> Enum.map(fn {_, s} -> Series.size(s) end) |> Enum.uniq()

    case sizes do
      [_, _ | _] -> raise ArgumentError, "all series must have the same size, got sizes: #{inspect(sizes)}"
      _ -> :ok
    end

    names = Enum.map(pairs, &elem(&1, 0))

    case names -- Enum.uniq(names) do
      [] -> :ok
      [dup | _] -> raise ArgumentError, "duplicate column name #{inspect(dup)}"
    end

    %DF{
      names: names,
      dtypes: Map.new(pairs, fn {n, s} -> {n, s.dtype} end),
      columns: Map.new(pairs, fn {n, s} -> {n, %{s | name: nil}} end),
      n_rows: List.first(sizes) || 0
    }
  end

  ## Introspection

  def n_rows(%DF{n_rows: n}), do: n
  def n_columns(%DF{names: names}), do: length(names)
  def names(%DF{names: names}), do: names
  def dtypes(%DF{dtypes: dtypes}), do: dtypes
  def shape(%DF{} = df), do: {n_rows(df), n_columns(df)}

  def to_columns(%DF{} = df, opts \\ []) do
    opts = Keyword.validate!(opts, atom_keys: false)

    for name <- df.names, into: %{} do
      key = if opts[:atom_keys], do: String.to_atom(name), else: name
      {key, df.columns[name].values}
    end
  end

  ## Access: df["col"], df[:col], df[0] give a series; df[["a", "b"]] a frame

  @impl Access
  def fetch(df, column) when is_column(column), do: {:ok, pull(df, column)}
  def fetch(df, columns), do: {:ok, select(df, columns)}

  @impl Access
  def get_and_update(_df, _key, _fun), do: raise(ArgumentError, "use Explorer.DataFrame.put/3")

  @impl Access
  def pop(df, column) when is_column(column) do
    [name] = Shared.to_existing_columns(df, [column])
    {pull(df, name), discard(df, [name])}
  end

  @doc "One column as a series (named after the column)."
  def pull(%DF{} = df, column) when is_column(column) do
    [name] = Shared.to_existing_columns(df, [column])
    %{df.columns[name] | name: name}
  end

  def put(%DF{} = df, name, %Series{} = series) do
    name = to_string(name)

    if series.values != [] and Series.size(series) != df.n_rows and df.names != [] do
      raise ArgumentError,
            "expected series of size #{df.n_rows} for column #{inspect(name)}, got #{Series.size(series)}"
    end

    names = if name in df.names, do: df.names, else: df.names ++ [name]

    %{df | names: names, dtypes: Map.put(df.dtypes, name, series.dtype),
           columns: Map.put(df.columns, name, %{series | name: nil}),
           n_rows: if(df.names == [], do: Series.size(series), else: df.n_rows)}
  end

  ## IO

  @from_csv_defaults [
    config: nil,
    delimiter: ",",
    dtypes: [],
    encoding: "utf8",
    header: true,
    max_rows: nil,
    nil_values: [],
    skip_rows: 0,
    skip_rows_after_header: 0,
    columns: nil,
    infer_schema_length: 1000,
    parse_dates: false,
    eol_delimiter: nil
  ]

  @doc """
  Reads a CSV file. Options: `delimiter:`, `dtypes:`, `header:`, `nil_values:`, `columns:`,
  `max_rows:`, `skip_rows:`, `infer_schema_length:` (the others of Explorer are accepted
  at their defaults only). Errors are raised as Explorer's `from_csv!/2` does:
  `** (RuntimeError) from_csv failed: "PATH:LINE:COL: what"`.
  """
  def from_csv!(path, opts \\ []) do
    case from_csv(path, opts) do
      {:ok, df} -> df
      {:error, %module{} = e} when module in [ArgumentError, RuntimeError] ->
        raise module, "from_csv failed: #{inspect(e.message)}"
    end
  end

  def from_csv(path, opts \\ []) do
    {_backend_opts, opts} = Keyword.split(opts, [:backend, :lazy])
    opts = Keyword.validate!(opts, @from_csv_defaults)

    for {key, default} <- [config: nil, encoding: "utf8", parse_dates: false, eol_delimiter: nil,
                           skip_rows_after_header: 0],
        opts[key] != default do
      raise ArgumentError, "from_csv: option #{inspect(key)} is not supported by hastec's Explorer subset"
    end

    dtypes = Map.new(opts[:dtypes], fn {k, v} -> {to_string(k), Shared.check_dtype!(k, v)} end)

    Explorer.CSV.read(path,
      delimiter: opts[:delimiter],
      dtypes: dtypes,
      header: opts[:header],
      nil_values: opts[:nil_values],
      columns: columns_for_io(opts[:columns]),
      max_rows: opts[:max_rows],
      skip_rows: opts[:skip_rows],
      infer_schema_length: opts[:infer_schema_length]
    )
  end

  defp columns_for_io(nil), do: nil

  defp columns_for_io([h | _] = columns) when is_integer(h) do
    if Enum.all?(columns, &is_integer/1),
      do: columns,
      else: raise(ArgumentError, "expected :columns to be a list of only integers, only atoms, or only binaries, got: #{inspect(columns)}")
  end

  defp columns_for_io([h | _] = columns) when is_binary(h) or is_atom(h) do
    if Enum.all?(columns, &(is_binary(&1) or is_atom(&1))),
      do: Enum.map(columns, &to_string/1),
      else: raise(ArgumentError, "expected :columns to be a list of only integers, only atoms, or only binaries, got: #{inspect(columns)}")
  end

  defp columns_for_io(other),
    do: raise(ArgumentError, "expected :columns to be a list of only integers, only atoms, or only binaries, got: #{inspect(other)}")

  @doc "Writes a CSV file (`header:`, `delimiter:`); returns :ok."
  def to_csv!(%DF{} = df, path, opts \\ []) do
    case to_csv(df, path, opts) do
      :ok -> :ok
      {:error, %module{} = e} -> raise module, "to_csv failed: #{inspect(e.message)}"
    end
  end

  def to_csv(%DF{} = df, path, opts \\ []) do
    opts = Keyword.validate!(opts, header: true, delimiter: ",", config: nil, streaming: true)

    case File.write(path, dump_csv!(df, header: opts[:header], delimiter: opts[:delimiter])) do
      :ok -> :ok
      {:error, reason} ->
        {:error, RuntimeError.exception("#{path}: #{:file.format_error(reason)}")}
    end
  end

  @doc "The CSV text `to_csv!/3` writes."
  def dump_csv!(%DF{} = df, opts \\ []) do
    opts = Keyword.validate!(opts, header: true, delimiter: ",")
    Explorer.CSV.dump(df, opts[:header], opts[:delimiter])
  end

  ## Single-table verbs

  def select(df, column) when is_column(column), do: select(df, [column])

  def select(%DF{} = df, columns) do
    names = df |> Shared.to_existing_columns(columns) |> Enum.uniq()
    keep(df, names)
  end

  def discard(df, column) when is_column(column), do: discard(df, [column])

  def discard(%DF{} = df, columns) do
    drop = Shared.to_existing_columns(df, columns)
    keep(df, df.names -- drop)
  end

  defp keep(df, names) do
    %{df | names: names, dtypes: Map.take(df.dtypes, names), columns: Map.take(df.columns, names)}
  end

  @doc "Drops the rows that have a nil in any of the given columns (default: all)."
  def drop_nil(df, columns \\ ..)
  def drop_nil(df, column) when is_column(column), do: drop_nil(df, [column])
  def drop_nil(df, []), do: df

  def drop_nil(%DF{} = df, columns) do
    names = Shared.to_existing_columns(df, columns)
    rows = names |> Enum.map(&df.columns[&1].values) |> Enum.zip_with(fn vs -> not Enum.any?(vs, &is_nil/1) end)
    mask_rows(df, rows)
  end

  defp mask_rows(df, mask) do
    columns =
      Map.new(df.columns, fn {name, s} ->
        values = s.values |> Enum.zip(mask) |> Enum.flat_map(fn {v, true} -> [v]; _ -> [] end)
        {name, %{s | values: values}}
      end)

    %{df | columns: columns, n_rows: Enum.count(mask, &(&1 == true))}
  end

  @doc "One-hot columns `COL_VALUE` (s64 0/1) for each distinct value, in order of appearance."
  def dummies(df, column) when is_column(column), do: dummies(df, [column])

  def dummies(%DF{} = df, columns) do
    columns = Shared.to_existing_columns(df, columns)

    pairs =
      for column <- columns,
          values = df.columns[column].values,
          value <- check_no_nil(column, Enum.uniq(values)) do
        {column <> "_#{value}", Series.new(Enum.map(values, &if(&1 == value, do: 1, else: 0)), {:s, 64})}
      end

    from_series(pairs) |> Map.put(:n_rows, df.n_rows)
  end

  defp check_no_nil(column, values) do
    if nil in values do
      raise ArgumentError,
            "dummies/2: column #{inspect(column)} has nil values; fill or drop them first " <>
              "(hastec's Explorer subset does not name a column after nil)"
    end

    values
  end

  @doc """
  Rows from `offset` (negative: from the end) of at most `length` rows, clamped to the
  frame as Polars does.
  """
  def slice(%DF{} = df, offset, length) when is_integer(offset) and is_integer(length) and length >= 0 do
    {start, len} = slice_offsets(offset, length, df.n_rows)
    map_rows(df, len, &Enum.slice(&1, start, len))
  end

  def slice(%DF{} = df, first..last//1) do
    first = if first < 0, do: first + df.n_rows, else: first
    last = if last < 0, do: last + df.n_rows, else: last
    size = last - first + 1
    if first >= 0 and size >= 0, do: slice(df, first, size), else: slice(df, 0, 0)
  end

  def slice(%DF{} = df, indices) when is_list(indices) do
    n = df.n_rows

    Enum.each(indices, fn idx ->
      if idx > n or idx < -n,
        do: raise(ArgumentError, "requested row index (#{idx}) out of bounds (-#{n}:#{n})")
    end)

    take_rows(df, Enum.map(indices, &if(&1 < 0, do: &1 + n, else: &1)))
  end

  @doc false
  # Polars' slice_offsets: the window [offset, offset + length) clamped to [0, n).
  def slice_offsets(offset, length, n) do
    start = if offset < 0, do: offset + n, else: offset
    stop = start + length
    start = start |> Kernel.max(0) |> Kernel.min(n)
    stop = stop |> Kernel.max(0) |> Kernel.min(n)
    {start, stop - start}
  end

  def head(df, n \\ 5), do: slice(df, 0, n)
  def tail(df, n \\ 5), do: slice(df, -n, n)

  defp map_rows(df, n_rows, fun) do
    %{df | columns: Map.new(df.columns, fn {k, s} -> {k, %{s | values: fun.(s.values)}} end), n_rows: n_rows}
  end

  defp take_rows(df, indices) do
    map_rows(df, length(indices), fn values ->
      tuple = List.to_tuple(values)
      Enum.map(indices, &elem(tuple, &1))
    end)
  end

  @doc """
  Rows in a random order: row i of the result is row p[i] of `df`, where p is the
  permutation hastec's runtime makes (runtime/loop.c's hxrt_loop_permutation with epoch 0,
  also stdlib/ref/loop.exs's permutation/3): splitmix64 seeded with
  `seed * 0x9E3779B97F4A7C15` (wrapping at 64 bits), Fisher-Yates from the last row down.
  So a shuffle under this shim and the compiled one (runtime/frame_eval.c) give the same
  rows in the same order. It is NOT Polars' order (Polars' RNG is not reproduced). Without
  `seed:` the seed is `:erlang.unique_integer()`. Needs stdlib/ref/loop.exs (the one
  Elixir port of the permutation).
  """
  def shuffle(%DF{} = df, opts \\ []) do
    opts = Keyword.validate!(opts, seed: nil)
    seed = opts[:seed] || :erlang.unique_integer()

    unless Code.ensure_loaded?(Hx.Loop.Runtime),
      do: raise("Explorer.DataFrame.shuffle/2 needs stdlib/ref/loop.exs (its permutation)")

    take_rows(df, Hx.Loop.Runtime.permutation(df.n_rows, seed, 0))
  end

  @doc "Columns of several frames side by side (clashing names get `_INDEX`)."
  def concat_columns([%DF{} = head | tail]) do
    {pairs, _} =
      tail
      |> Enum.with_index(1)
      |> Enum.reduce({Enum.map(head.names, &{&1, head.columns[&1]}), head.names}, fn {df, idx}, {pairs, names} ->
        if df.n_rows != head.n_rows do
          raise ArgumentError,
                "concat_columns/1 expects frames with the same number of rows, got #{head.n_rows} and #{df.n_rows}"
        end

        new = for name <- df.names, do: {if(name in names, do: name <> "_#{idx}", else: name), df.columns[name]}
        {pairs ++ new, names ++ Enum.map(new, &elem(&1, 0))}
      end)

    %{from_series(pairs) | n_rows: head.n_rows}
  end

  def concat_columns(%DF{} = a, %DF{} = b), do: concat_columns([a, b])

  @doc "Adds or replaces columns with `Explorer.Query` expressions (all see the input frame)."
  defmacro mutate(df, mutations) do
    quote do
      require Explorer.Query
      Explorer.DataFrame.mutate_with(unquote(df), Explorer.Query.query(unquote(mutations)))
    end
  end

  def mutate_with(%DF{} = df, fun) when is_function(fun, 1) do
    fun.(df)
    |> Enum.map(fn {name, value} -> {to_string(name), to_column(df, name, value)} end)
    |> Enum.reduce(df, fn {name, series}, acc -> put(acc, name, series) end)
  end

  defp to_column(df, _name, %Series{} = s) do
    cond do
      Series.size(s) == df.n_rows -> s
      Series.size(s) == 1 -> %{s | values: List.duplicate(hd(s.values), df.n_rows)}
      true -> raise ArgumentError, "unable to add column of length #{Series.size(s)} to a frame of #{df.n_rows} rows"
    end
  end

  defp to_column(_df, _name, list) when is_list(list) do

    raise ArgumentError,
          "expecting a lazy series or scalar value, but instead got a list. " <>
            "consider using `Explorer.Series.from_list/2` to create a `Series`, " <>
            "and then `Explorer.DataFrame.put/3` to add the series to your dataframe."
  end

  defp to_column(df, _name, scalar) do
    dtype =
      case scalar do
        nil -> :null
        _ -> Shared.dtype_from_list!([scalar])
      end

    Series.new(List.duplicate(scalar, df.n_rows), dtype)
  end

  @doc "Keeps the rows where the `Explorer.Query` condition (or all conditions of a list) is true."
  defmacro filter(df, query) do
    quote do
      require Explorer.Query
      Explorer.DataFrame.filter_with(unquote(df), Explorer.Query.query(unquote(query)))
    end
  end

  def filter_with(%DF{} = df, fun) when is_function(fun, 1) do
    mask =
      case fun.(df) do
        %Series{dtype: :boolean} = s ->
          s

        [%Series{dtype: :boolean} | _] = list ->
          Enum.each(list, &check_boolean!/1)
          Enum.reduce(list, &Series.and(&2, &1))

        %Series{dtype: dtype} ->
          raise ArgumentError,
                "expecting the function to return a boolean LazySeries, but instead it returned a LazySeries of type " <>
                  inspect(dtype)

        other ->
          check_boolean!(other)
      end

    values = if Series.size(mask) == 1, do: List.duplicate(hd(mask.values), df.n_rows), else: mask.values
    mask_rows(df, values)
  end

  defp check_boolean!(%Series{dtype: :boolean} = s), do: s

  defp check_boolean!(other) do
    raise ArgumentError,
          "expecting the function to return a single or a list of boolean LazySeries, " <>
            "but instead it contains:\n#{inspect(other)}"
  end

  @doc """
  Summary statistics per column (count, nil_count, mean, std, min, 25%, 50%, 75%, max).
  Numeric columns give f64 columns; other columns give string columns with only the
  counts. Quantiles use Polars' `nearest` interpolation.
  """
  def describe(%DF{} = df, opts \\ []) do
    opts = Keyword.validate!(opts, percentiles: nil)

    if df.names == [], do: raise(ArgumentError, "cannot describe a DataFrame without any columns")

    percentiles = process_percentiles(opts[:percentiles])

    metrics =
      ["count", "nil_count", "mean", "std", "min"] ++
        for(p <- percentiles, do: "#{trunc(p * 100)}%") ++ ["max"]

    data =
      for name <- df.names do
        s = df.columns[name]

        if Shared.numeric?(s.dtype) do
          values =
            [Series.count(s), Series.nil_count(s), Series.mean(s), Series.standard_deviation(s), Series.min(s)] ++
              Enum.map(percentiles, &Series.quantile(s, &1)) ++ [Series.max(s)]

          {name, values}
        else
          {name, ["#{Series.count(s)}", "#{Series.nil_count(s)}"] ++ List.duplicate(nil, length(metrics) - 2)}
        end
      end

    new([{"describe", metrics} | data])
  end

  defp process_percentiles(nil), do: [0.25, 0.50, 0.75]

  defp process_percentiles(percentiles) do
    Enum.each(percentiles, fn p ->
      if p < 0 or p > 1, do: raise(ArgumentError, message: "percentiles must all be in the range [0, 1]")
    end)

    Enum.sort(percentiles)
  end

  ## Nx

  @doc false
  # The tensors Nx.stack/2 receives for a frame: Explorer's Nx.LazyContainer gives a
  # TensorFrame whose map of columns Nx traverses in map order, i.e. sorted by column
  # name (maps of up to 32 keys); string columns are skipped.
  def __nx_tensors__(%DF{} = df) do
    df.names
    |> Enum.reject(&(df.dtypes[&1] == :string))
    |> Enum.sort()
    |> Enum.map(&Series.to_tensor(df.columns[&1]))
  end

  defimpl Inspect do
    import Inspect.Algebra

    def inspect(df, opts) do
      force_unfit(
        concat([
          color("#Explorer.DataFrame<", :map, opts),
          nest(concat([line(), inner(df, opts)]), 2),
          line(),
          color(">", :map, opts)
        ])
      )
    end

    @default_limit 5

    # Explorer.Backend.DataFrame.inspect/5: the limit is always 5 values per column.
    defp inner(df, opts) do
      opts = %{opts | limit: @default_limit}
      open = color("[", :list, opts)
      close = color("]", :list, opts)

      cols =
        for name <- df.names do
          series = df.columns[name]
          values = Enum.take(series.values, opts.limit + 1)
          data = container_doc(open, values, close, opts, &Explorer.Shared.to_doc/2)

          concat([
            line(),
            color("#{name} ", :map, opts),
            color(Explorer.Shared.dtype_to_string(series.dtype), :atom, opts),
            " ",
            data
          ])
        end

      concat([color("Polars", :atom, opts), open, "#{df.n_rows} x #{length(cols)}", close, "" | cols])
    end
  end
end

defmodule Explorer.CSV do
  @moduledoc false
  # A strict CSV reader/writer with Polars' type inference. Errors are returned as
  # {:error, %RuntimeError{message: "PATH:LINE:COL: what"}} with 1-based line and byte column.

  alias Explorer.{DataFrame, Series, Shared}

  def read(path, opts) do
    with {:ok, text} <- read_file(path),
         :ok <- check_utf8(path, text) do
      delim =
        case opts[:delimiter] do
          <<d::utf8>> when d < 128 -> d
          other -> throw({:error, ArgumentError.exception("from_csv: :delimiter must be a single ASCII character, got: #{inspect(other)}")})
        end

      text = strip_bom(text)
      records = parse(path, text, delim)
      {:ok, build(path, records, opts)}
    end
  catch
    {:error, _} = error -> error
  end

  defp read_file(path) do
    case File.read(path) do
      # gzip-compressed files are read as hastec's reader (runtime/csv.c) reads them
      {:ok, <<0x1F, 0x8B, _::binary>> = gz} -> {:ok, :zlib.gunzip(gz)}
      {:ok, text} -> {:ok, text}
      {:error, reason} -> {:error, RuntimeError.exception("#{path}: #{:file.format_error(reason)}")}
    end
  end

  defp check_utf8(path, text) do
    if String.valid?(text) do
      :ok
    else
      {line, col} = first_invalid_utf8(text, 1, 1)
      fail(path, line, col, "invalid UTF-8")
    end
  end

  defp first_invalid_utf8(<<?\n, rest::binary>>, line, _col), do: first_invalid_utf8(rest, line + 1, 1)

  defp first_invalid_utf8(<<c::utf8, rest::binary>>, line, col),
    do: first_invalid_utf8(rest, line, col + byte_size(<<c::utf8>>))

  defp first_invalid_utf8(_, line, col), do: {line, col}

  defp strip_bom(<<0xEF, 0xBB, 0xBF, rest::binary>>), do: rest
  defp strip_bom(text), do: text

  defp fail(path, line, col, what), do: throw({:error, RuntimeError.exception("#{path}:#{line}:#{col}: #{what}")})

  # Records: [{line, [{field_text, quoted?, col}]}]; blank lines are skipped.
  defp parse(path, text, delim), do: parse_records(path, text, delim, 1, [])

  defp parse_records(_path, "", _delim, _line, acc), do: Enum.reverse(acc)

  defp parse_records(path, text, delim, line, acc) do
    case text do
      <<?\n, rest::binary>> -> parse_records(path, rest, delim, line + 1, acc)
      <<?\r, ?\n, rest::binary>> -> parse_records(path, rest, delim, line + 1, acc)
      _ ->
        {fields, rest, next_line} = parse_fields(path, text, delim, line, 1, [])
        parse_records(path, rest, delim, next_line, [{line, fields} | acc])
    end
  end

  # One record; returns {fields, rest_after_newline, next_line}.
  defp parse_fields(path, text, delim, line, col, acc) do
    {field, rest, line2, col2} = parse_field(path, text, delim, line, col)
    acc = [field | acc]

    case rest do
      <<^delim, rest::binary>> -> parse_fields(path, rest, delim, line2, col2 + 1, acc)
      <<?\r, ?\n, rest::binary>> -> {Enum.reverse(acc), rest, line2 + 1}
      <<?\n, rest::binary>> -> {Enum.reverse(acc), rest, line2 + 1}
      "" -> {Enum.reverse(acc), "", line2 + 1}
    end
  end

  defp parse_field(path, <<?", rest::binary>>, delim, line, col) do
    {value, rest, line2, col2} = quoted(path, rest, line, col + 1, [], {line, col})

    case rest do
      <<^delim, _::binary>> -> {{value, true, col}, rest, line2, col2}
      <<?\n, _::binary>> -> {{value, true, col}, rest, line2, col2}
      <<?\r, ?\n, _::binary>> -> {{value, true, col}, rest, line2, col2}
      "" -> {{value, true, col}, rest, line2, col2}
      _ -> fail(path, line2, col2, "unexpected character after a closing quote")
    end
  end

  defp parse_field(_path, text, delim, line, col) do
    len = unquoted_length(text, delim, 0)
    <<value::binary-size(len), rest::binary>> = text
    {{value, false, col}, rest, line, col + len}
  end

  defp unquoted_length(text, delim, n) do
    case text do
      <<^delim, _::binary>> -> n
      <<?\n, _::binary>> -> n
      <<?\r, ?\n, _::binary>> -> n
      "" -> n
      <<_, rest::binary>> -> unquoted_length(rest, delim, n + 1)
    end
  end

  defp quoted(path, text, line, col, acc, {ql, qc}) do
    case text do
      <<?", ?", rest::binary>> -> quoted(path, rest, line, col + 2, [?" | acc], {ql, qc})
      <<?", rest::binary>> -> {acc |> Enum.reverse() |> IO.iodata_to_binary(), rest, line, col + 1}
      <<?\n, rest::binary>> -> quoted(path, rest, line + 1, 1, [?\n | acc], {ql, qc})
      <<c, rest::binary>> -> quoted(path, rest, line, col + 1, [c | acc], {ql, qc})
      "" -> fail(path, ql, qc, "unterminated quoted field")
    end
  end

  defp build(path, records, opts) do
    records = Enum.drop(records, opts[:skip_rows] || 0)

    {names, rows} =
      case {opts[:header], records} do
        {_, []} -> fail(path, 1, 1, "empty CSV file")
        {true, [{line, header} | rows]} -> {header_names(path, line, header), rows}
        {false, [{_, first} | _] = rows} -> {Enum.map(1..length(first), &"column_#{&1}"), rows}
      end

    rows = if opts[:max_rows], do: Enum.take(rows, opts[:max_rows]), else: rows
    n = length(names)

    Enum.each(rows, fn {line, fields} ->
      m = length(fields)

      cond do
        m > n ->
          {_, _, col} = Enum.at(fields, n)
          fail(path, line, col, "expected #{n} fields, found #{m}")

        m < n ->
          {text, quoted, col} = List.last(fields)
          fail(path, line, col + byte_size(text) + if(quoted, do: 2 + count_quotes(text), else: 0), "expected #{n} fields, found #{m}")

        true ->
          :ok
      end
    end)

    # Polars' projection keeps the file's column order.
    keep = names |> selected_columns(opts[:columns]) |> Enum.uniq() |> Enum.sort()
    nil_values = opts[:nil_values] || []

    pairs =
      for idx <- keep do
        name = Enum.at(names, idx)
        cells = Enum.map(rows, fn {line, fields} -> {line, Enum.at(fields, idx)} end)
        dtype = opts[:dtypes][name] || infer(cells, nil_values, opts[:infer_schema_length])
        {name, column(path, name, dtype, cells, nil_values)}
      end

    %{DataFrame.from_series(pairs) | n_rows: length(rows)}
  end

  defp count_quotes(text), do: length(String.split(text, "\"")) - 1

  defp header_names(path, line, header) do
    names = Enum.map(header, fn {text, _, _} -> text end)

    Enum.reduce(header, MapSet.new(), fn {text, _, col}, seen ->
      if MapSet.member?(seen, text), do: fail(path, line, col, "duplicate column name '#{text}'")
      MapSet.put(seen, text)
    end)

    names
  end

  defp selected_columns(names, nil), do: Enum.to_list(0..(length(names) - 1))

  defp selected_columns(names, columns) do
    Enum.map(columns, fn
      i when is_integer(i) ->
        if i >= 0 and i < length(names), do: i,
          else: throw({:error, ArgumentError.exception("no column exists at index #{i}")})

      name ->
        Enum.find_index(names, &(&1 == name)) ||
          throw({:error, ArgumentError.exception(List.to_string(["could not find column name \"#{name}\"" | Shared.did_you_mean(name, names)]))})
    end)
  end

  defp missing?({"", false, _}, _nil_values), do: true
  defp missing?({text, _, _}, nil_values), do: text in nil_values

  # Polars' inference over the first `limit` rows: int, then float, then boolean, else string.
  defp infer(cells, nil_values, limit) do
    cells = if limit, do: Enum.take(cells, limit), else: cells

    cells
    |> Enum.reject(fn {_, cell} -> missing?(cell, nil_values) end)
    |> Enum.reduce(:null, fn {_, {text, _, _}}, acc -> merge(acc, kind(text)) end)
    |> case do
      :null -> :string
      :int -> {:s, 64}
      :float -> {:f, 64}
      :bool -> :boolean
      :string -> :string
    end
  end

  defp merge(:null, k), do: k
  defp merge(k, k), do: k
  defp merge(:int, :float), do: :float
  defp merge(:float, :int), do: :float
  defp merge(_, _), do: :string

  @int_re ~r/^-?\d+$/
  @float_re ~r/^[-+]?((\d*\.\d+)([eE][-+]?\d+)?|inf|NaN|(\d+)[eE][-+]?\d+|\d+\.)$/
  @bool_re ~r/^(?i:true|false)$/

  defp kind(text) do
    cond do
      Regex.match?(@int_re, text) -> :int
      Regex.match?(@float_re, text) -> :float
      Regex.match?(@bool_re, text) -> :bool
      true -> :string
    end
  end

  defp column(path, name, dtype, cells, nil_values) do
    values =
      Enum.map(cells, fn {line, {text, quoted, col} = cell} ->
        cond do
          dtype in [:string, :category] and text == "" and quoted -> ""
          missing?(cell, nil_values) -> nil
          true ->
            case parse_value(dtype, text) do
              {:ok, v} -> v
              :error -> fail(path, line, col, "could not parse '#{text}' as #{Shared.dtype_to_string(dtype)} in column '#{name}'")
            end
        end
      end)

    Series.new(values, dtype)
  end

  @int_min -9_223_372_036_854_775_808
  @int_max 9_223_372_036_854_775_807

  defp parse_value({:s, 64}, text) do
    if Regex.match?(@int_re, text) do
      i = String.to_integer(text)
      if i >= @int_min and i <= @int_max, do: {:ok, i}, else: :error
    else
      :error
    end
  end

  defp parse_value({:f, 64}, text) do
    cond do
      Regex.match?(@int_re, text) -> {:ok, String.to_integer(text) * 1.0}
      Regex.match?(@float_re, text) -> parse_float(text)
      true -> :error
    end
  end

  defp parse_value(:boolean, text) do
    case String.downcase(text) do
      "true" -> {:ok, true}
      "false" -> {:ok, false}
      _ -> :error
    end
  end

  defp parse_value(dtype, text) when dtype in [:string, :category, :null], do: {:ok, text}

  defp parse_float(text) do
    {sign, body} =
      case text do
        "-" <> b -> {-1, b}
        "+" <> b -> {1, b}
        b -> {1, b}
      end

    case body do
      "inf" -> {:ok, if(sign > 0, do: :infinity, else: :neg_infinity)}
      "NaN" -> {:ok, :nan}
      _ ->
        [mant | exp] = String.split(String.downcase(body), "e")
        mant = if String.starts_with?(mant, "."), do: "0" <> mant, else: mant
        mant = if String.ends_with?(mant, "."), do: mant <> "0", else: mant
        mant = if String.contains?(mant, "."), do: mant, else: mant <> ".0"
        text = Enum.join([mant | exp], "e")

        case Float.parse(text) do
          {f, ""} -> {:ok, if(sign < 0, do: -f, else: f)}
          _ -> {:ok, if(sign > 0, do: :infinity, else: :neg_infinity)}
        end
    end
  rescue
    ArgumentError -> :error
  end

  ## Writer

  def dump(df, header?, delimiter) do
    <<delim::utf8>> = delimiter
    rows = df.names |> Enum.map(&df.columns[&1].values) |> Enum.zip_with(& &1)
    lines = Enum.map(rows, fn row -> Enum.map_join(row, delimiter, &cell(&1, delim)) end)
    lines = if header?, do: [Enum.map_join(df.names, delimiter, &cell(&1, delim)) | lines], else: lines
    Enum.map_join(lines, "", &(&1 <> "\n"))
  end

  defp cell(nil, _), do: ""
  defp cell(true, _), do: "true"
  defp cell(false, _), do: "false"
  defp cell(i, _) when is_integer(i), do: Integer.to_string(i)
  defp cell(x, _) when is_float(x) or x in [:nan, :infinity, :neg_infinity], do: Shared.csv_float(x)

  defp cell(s, delim) when is_binary(s) do
    if s == "" or String.contains?(s, [<<delim::utf8>>, "\"", "\n", "\r"]) do
      "\"" <> String.replace(s, "\"", "\"\"") <> "\""
    else
      s
    end
  end
end
