# Reference implementation of hastec's Nx subset, in plain Elixir.
#
# Load it before a tensor program: `elixir -r stdlib/ref/nx.exs prog.hx`.
# It follows Nx 0.9.x with its default backend (Nx.BinaryBackend): the same
# types, type promotion, results and `inspect` output, for the functions
# listed in stdlib/ref/README.md. Everything else raises an ArgumentError
# that says so. Known deviations from Nx are listed in the README.
#
# How the binary backend computes, and therefore how this file computes:
#   * every element-wise operation reads its operands as Elixir numbers
#     (f32 elements as their exact f64 value, non-finite elements as the atoms
#     :nan, :infinity, :neg_infinity), computes in f64 / bignum arithmetic
#     and writes the result to the output type once: f32 results are rounded
#     to nearest f32 (overflow gives Inf), integers wrap modulo 2^bits;
#   * sum/dot accumulate in f64 (or exact integers) from left to right in
#     row-major order and round once at the end;
#   * Elixir arithmetic raises ArithmeticError where IEEE would give Inf/NaN
#     from finite operands (f64 overflow, x / 0, exp(1000.0), sqrt(-1.0)).

defmodule Nx.Type do
  @moduledoc false

  def infer(v) when is_integer(v), do: {:s, 32}
  def infer(v) when is_float(v), do: {:f, 32}
  def infer(v) when is_boolean(v), do: {:u, 8}
  def infer(v) when v in [:neg_infinity, :infinity, :nan], do: {:f, 32}

  @types for k <- [:s, :u], s <- [8, 16, 32, 64], do: {k, s}
  @types @types ++ [{:f, 32}, {:f, 64}]

  def normalize!(type) do
    norm =
      case type do
        {k, s} when is_atom(k) and is_integer(s) -> {k, s}
        a when is_atom(a) and not is_nil(a) -> atom_type(Atom.to_string(a))
        _ -> :error
      end

    cond do
      norm in @types ->
        norm

      norm in [{:f, 16}, {:bf, 16}, {:f, 8}, {:c, 64}, {:c, 128}, {:s, 2}, {:s, 4}, {:u, 2}, {:u, 4}] ->
        raise ArgumentError,
              "type #{inspect(type)} is outside the hastec Nx subset (s8..s64, u8..u64, f32, f64)"

      true ->
        raise ArgumentError,
              "invalid numerical type: #{inspect(type)} (see Nx.Type docs for all supported types)"
    end
  end

  defp atom_type("bf" <> n), do: int_type(:bf, n)
  defp atom_type(<<k, n::binary>>) when k in [?s, ?u, ?f, ?c], do: int_type(List.to_atom([k]), n)
  defp atom_type(_), do: :error

  defp int_type(k, n) do
    case Integer.parse(n) do
      {i, ""} -> {k, i}
      _ -> :error
    end
  end

  def to_string({k, s}), do: Atom.to_string(k) <> Integer.to_string(s)

  def float?({:f, _}), do: true
  def float?(_), do: false
  def integer?({k, _}), do: k in [:s, :u]

  def merge({t, l}, {t, r}), do: {t, max(l, r)}

  def merge(left, right) do
    case sort(left, right) do
      {{:u, size1}, {:s, size2}} -> {:s, max(min(size1 * 2, 64), size2)}
      {_, type2} -> type2
    end
  end

  defp rank(:f), do: 3
  defp rank(:s), do: 1
  defp rank(:u), do: 0

  defp sort({lt, _} = l, {rt, _} = r), do: if(rank(lt) < rank(rt), do: {l, r}, else: {r, l})

  def merge_number({:u, size}, i) when is_integer(i) and i >= 0, do: {:u, max(unsigned_size(i), size)}
  def merge_number({:u, size}, i) when is_integer(i), do: merge_number({:s, min(size * 2, 64)}, i)
  def merge_number({:s, size}, i) when is_integer(i), do: {:s, max(signed_size(i), size)}
  def merge_number({:f, size}, n) when is_number(n), do: {:f, size}
  def merge_number(_, n) when is_number(n), do: {:f, 32}

  defp unsigned_size(x) when x <= 1, do: 1
  defp unsigned_size(x) when x <= 255, do: 8
  defp unsigned_size(x) when x <= 65535, do: 16
  defp unsigned_size(x) when x <= 4_294_967_295, do: 32
  defp unsigned_size(_), do: 64

  defp signed_size(x) when x < 0, do: signed_size(-x - 1)
  defp signed_size(x) when x <= 1, do: 1
  defp signed_size(x) when x <= 127, do: 8
  defp signed_size(x) when x <= 32767, do: 16
  defp signed_size(x) when x <= 2_147_483_647, do: 32
  defp signed_size(_), do: 64

  def to_floating({:f, s}), do: {:f, s}
  def to_floating(type), do: merge(type, {:f, 32})

  def to_aggregate({:u, 64}), do: {:s, 64}
  def to_aggregate({:u, _}), do: {:u, 32}
  def to_aggregate({:s, 64}), do: {:s, 64}
  def to_aggregate({:s, _}), do: {:s, 32}
  def to_aggregate(type), do: type

  # Used by the shim only.
  @doc false
  def min_finite({:s, n}), do: -Bitwise.bsl(1, n - 1)
  def min_finite({:u, _}), do: 0
  def min_finite({:f, 32}), do: -3.4028234663852886e38
  def min_finite({:f, 64}), do: -1.7976931348623157e308
  @doc false
  def max_finite({:s, n}), do: Bitwise.bsl(1, n - 1) - 1
  def max_finite({:u, n}), do: Bitwise.bsl(1, n) - 1
  def max_finite({:f, 32}), do: 3.4028234663852886e38
  def max_finite({:f, 64}), do: 1.7976931348623157e308
end

defmodule Nx.Num do
  # Scalar arithmetic exactly as Nx.BinaryBackend does it: values are Elixir
  # numbers or the atoms :nan, :infinity, :neg_infinity (the `Complex` library
  # rules for real operands), and `write/2` stores a value into a type.
  @moduledoc false
  @nf [:nan, :infinity, :neg_infinity]

  def write({:s, n}, x) when is_integer(x) do
    <<y::signed-integer-size(n)>> = <<x::signed-integer-size(n)>>
    y
  end

  def write({:u, n}, x) when is_integer(x) do
    <<y::unsigned-integer-size(n)>> = <<x::unsigned-integer-size(n)>>
    y
  end

  def write({:f, n}, x) when is_number(x) do
    case <<x::float-size(n)>> do
      <<y::float-size(n)>> -> y
      bits -> non_finite(bits, n)
    end
  end

  def write({:f, _}, x) when x in @nf, do: x

  # A float or non-finite value stored into an integer type: the binary
  # backend builds an integer segment here and fails the same way.
  def write({:s, n}, x), do: <<x::signed-integer-size(n)>>
  def write({:u, n}, x), do: <<x::unsigned-integer-size(n)>>

  defp non_finite(<<0x7F800000::32>>, 32), do: :infinity
  defp non_finite(<<0xFF800000::32>>, 32), do: :neg_infinity
  defp non_finite(<<0x7FF0000000000000::64>>, 64), do: :infinity
  defp non_finite(<<0xFFF0000000000000::64>>, 64), do: :neg_infinity
  defp non_finite(_, _), do: :nan

  ## Complex-library arithmetic on real numbers and non-finite atoms

  def add(:nan, _), do: :nan
  def add(_, :nan), do: :nan
  def add(:infinity, :neg_infinity), do: :nan
  def add(:neg_infinity, :infinity), do: :nan
  def add(:infinity, _), do: :infinity
  def add(_, :infinity), do: :infinity
  def add(:neg_infinity, _), do: :neg_infinity
  def add(_, :neg_infinity), do: :neg_infinity
  def add(a, b), do: a + b

  def sub(:nan, _), do: :nan
  def sub(_, :nan), do: :nan
  def sub(:infinity, :infinity), do: :nan
  def sub(:neg_infinity, :neg_infinity), do: :nan
  def sub(:infinity, _), do: :infinity
  def sub(_, :infinity), do: :neg_infinity
  def sub(:neg_infinity, _), do: :neg_infinity
  def sub(_, :neg_infinity), do: :infinity
  def sub(a, b), do: a - b

  def mul(:infinity, r) when is_number(r) and r > 0, do: :infinity
  def mul(:infinity, r) when r == 0, do: :nan
  def mul(:infinity, r) when is_number(r) and r < 0, do: :neg_infinity
  def mul(l, :infinity) when is_number(l) and l > 0, do: :infinity
  def mul(l, :infinity) when l == 0, do: :nan
  def mul(l, :infinity) when is_number(l) and l < 0, do: :neg_infinity
  def mul(:neg_infinity, r) when is_number(r) and r > 0, do: :neg_infinity
  def mul(:neg_infinity, r) when r == 0, do: :nan
  def mul(:neg_infinity, r) when is_number(r) and r < 0, do: :infinity
  def mul(l, :neg_infinity) when is_number(l) and l > 0, do: :neg_infinity
  def mul(l, :neg_infinity) when l == 0, do: :nan
  def mul(l, :neg_infinity) when is_number(l) and l < 0, do: :infinity
  def mul(:nan, _), do: :nan
  def mul(_, :nan), do: :nan
  def mul(:neg_infinity, :neg_infinity), do: :infinity
  def mul(:neg_infinity, :infinity), do: :neg_infinity
  def mul(:infinity, :neg_infinity), do: :neg_infinity
  def mul(:infinity, :infinity), do: :infinity
  def mul(a, b), do: a * b

  def divide(x, y) when x in @nf and y in @nf, do: :nan
  def divide(x, y) when x in @nf and is_number(y) and y >= 0, do: x
  def divide(x, y) when x == 0 and y == 0, do: :nan
  def divide(:nan, a) when is_number(a), do: :nan
  def divide(a, :nan) when is_number(a), do: :nan
  def divide(:infinity, y) when is_number(y) and y < 0, do: :neg_infinity
  def divide(:neg_infinity, y) when is_number(y) and y < 0, do: :infinity
  def divide(a, :infinity) when is_number(a), do: 0
  def divide(a, :neg_infinity) when is_number(a), do: 0
  def divide(x, y), do: x / y

  def pow(:nan, _), do: :nan
  def pow(_, :nan), do: :nan
  def pow(:infinity, y) when is_number(y) and y > 0, do: :infinity
  def pow(:infinity, y) when y == 0, do: 1
  def pow(:infinity, y) when is_number(y) and y < 0, do: 0
  def pow(:neg_infinity, y) when is_number(y) and y > 0, do: if(rem(y, 2) == 0, do: :infinity, else: :neg_infinity)
  def pow(:neg_infinity, y) when y == 0, do: 1
  def pow(:neg_infinity, y) when is_number(y) and y < 0, do: 0
  def pow(x, :infinity) when x == 0, do: 0
  def pow(x, :neg_infinity) when x == 0, do: :infinity
  def pow(_, :neg_infinity), do: 0
  def pow(_, :infinity), do: :infinity
  def pow(x, y) when is_integer(x) and is_integer(y) and y >= 0, do: Integer.pow(x, y)
  def pow(x, y), do: :math.pow(x, y)

  def negate(:nan), do: :nan
  def negate(:neg_infinity), do: :infinity
  def negate(:infinity), do: :neg_infinity
  def negate(n), do: -n

  def exp(:infinity), do: :infinity
  def exp(:neg_infinity), do: 0
  def exp(:nan), do: :nan
  def exp(n), do: :math.exp(n)

  def log(:infinity), do: :infinity
  def log(:nan), do: :nan
  def log(:neg_infinity), do: raise(ArgumentError, "Nx.log/1 of -Inf gives a complex number, outside the hastec Nx subset")
  def log(n) when n == 0, do: :neg_infinity
  def log(n) when n < 0, do: :nan
  def log(n), do: :math.log(n)

  def sqrt(:infinity), do: :infinity
  def sqrt(:neg_infinity), do: :nan
  def sqrt(:nan), do: :nan
  def sqrt(n), do: :math.sqrt(n)

  def sinh(n) when n in @nf, do: n
  def cosh(:nan), do: :nan
  def cosh(_inf), do: :infinity

  def tanh(n) when is_number(n), do: :math.tanh(n)
  def tanh(z), do: divide(sinh(z), cosh(z))

  def sigmoid(x), do: divide(1, add(exp(negate(x)), 1))

  def max(:nan, _), do: :nan
  def max(_, :nan), do: :nan
  def max(:infinity, _), do: :infinity
  def max(_, :infinity), do: :infinity
  def max(:neg_infinity, x), do: x
  def max(x, :neg_infinity), do: x
  def max(a, b), do: Kernel.max(a, b)

  def min(:nan, _), do: :nan
  def min(_, :nan), do: :nan
  def min(:infinity, x), do: x
  def min(x, :infinity), do: x
  def min(:neg_infinity, _), do: :neg_infinity
  def min(_, :neg_infinity), do: :neg_infinity
  def min(a, b), do: Kernel.min(a, b)

  def equal(:nan, _), do: 0
  def equal(_, :nan), do: 0
  def equal(a, b), do: b2i(a == b)

  def not_equal(:nan, _), do: 1
  def not_equal(_, :nan), do: 1
  def not_equal(a, b), do: b2i(a != b)

  def greater(:nan, _), do: 0
  def greater(_, :nan), do: 0
  def greater(x, x), do: 0
  def greater(:infinity, _), do: 1
  def greater(_, :neg_infinity), do: 1
  def greater(:neg_infinity, _), do: 0
  def greater(_, :infinity), do: 0
  def greater(a, b), do: b2i(a > b)

  def less(:nan, _), do: 0
  def less(_, :nan), do: 0
  def less(:infinity, _), do: 0
  def less(_, :neg_infinity), do: 0
  def less(x, x), do: 0
  def less(_, :infinity), do: 1
  def less(:neg_infinity, _), do: 1
  def less(a, b), do: b2i(a < b)

  def greater_equal(:nan, _), do: 0
  def greater_equal(_, :nan), do: 0
  def greater_equal(x, x), do: 1
  def greater_equal(:neg_infinity, _), do: 0
  def greater_equal(_, :infinity), do: 0
  def greater_equal(:infinity, _), do: 1
  def greater_equal(_, :neg_infinity), do: 1
  def greater_equal(a, b), do: b2i(a >= b)

  def less_equal(:nan, _), do: 0
  def less_equal(_, :nan), do: 0
  def less_equal(_, :infinity), do: 1
  def less_equal(:neg_infinity, _), do: 1
  def less_equal(x, x), do: 1
  def less_equal(:infinity, _), do: 0
  def less_equal(_, :neg_infinity), do: 0
  def less_equal(a, b), do: b2i(a <= b)

  defp truthy(n) when n == 0, do: false
  defp truthy(_), do: true
  def logical_and(a, b), do: b2i(truthy(a) and truthy(b))
  def logical_or(a, b), do: b2i(truthy(a) or truthy(b))
  def logical_xor(a, b), do: b2i(truthy(a) != truthy(b))

  def b2i(true), do: 1
  def b2i(false), do: 0

  # argmax/argmin comparators of the binary backend
  def gt(:nan, _), do: false
  def gt(_, :nan), do: false
  def gt(_, :infinity), do: false
  def gt(:infinity, _), do: true
  def gt(:neg_infinity, _), do: false
  def gt(_, :neg_infinity), do: true
  def gt(x, y), do: x > y

  def lt(:nan, _), do: false
  def lt(_, :nan), do: false
  def lt(:infinity, _), do: false
  def lt(_, :infinity), do: true
  def lt(_, :neg_infinity), do: false
  def lt(:neg_infinity, _), do: true
  def lt(x, y), do: x < y
end

defmodule Nx.Tensor do
  @moduledoc false
  # `data` is the flat row-major list of element values, each already stored
  # in `type` (see Nx.Num.write/2). `grad_node` is the shim's own field: while
  # grad/value_and_grad traces a function, the tape node that produced the
  # tensor ({tape_ref, index}, see Nx.Defn.Grad); nil otherwise.
  @enforce_keys [:type, :shape, :names]
  defstruct [:data, :type, :shape, :names, vectorized_axes: [], grad_node: nil]

  @behaviour Access

  @impl true
  def fetch(%Nx.Tensor{shape: {}} = tensor, _index) do
    raise ArgumentError, "cannot use the tensor[index] syntax on scalar tensor #{inspect(tensor)}"
  end

  def fetch(tensor, index) when is_integer(index), do: {:ok, fetch_axes(tensor, [{0, index}])}
  def fetch(tensor, _.._ = range), do: {:ok, fetch_axes(tensor, [{0, range}])}
  def fetch(tensor, []), do: {:ok, tensor}

  def fetch(tensor, [_ | _] = list),
    do: {:ok, fetch_axes(tensor, Enum.with_index(list, fn x, i -> {i, x} end))}

  def fetch(_tensor, value) do
    raise ArgumentError,
          "the hastec Nx subset supports tensor[i] with integers, ranges and lists of them, got: " <>
            inspect(value)
  end

  defp fetch_axes(%Nx.Tensor{shape: shape} = t, axes) do
    rank = tuple_size(shape)

    if length(axes) > rank do
      raise ArgumentError, "unknown or duplicate axis #{rank} found when slicing shape #{inspect(shape)}"
    end

    {starts, lens, squeeze} =
      Enum.reduce(Enum.reverse(Enum.to_list(0..(rank - 1))), {[], [], []}, fn axis, {s, l, q} ->
        case List.keyfind(axes, axis, 0) do
          {^axis, i} when is_integer(i) ->
            {[norm_index(i, axis, shape) | s], [1 | l], [axis | q]}

          {^axis, first..last_in//step = range} ->
            if step != 1 do
              raise ArgumentError, "the hastec Nx subset supports only ranges with step 1, got: #{inspect(range)}"
            end

            first = norm_index(first, axis, shape)
            last = norm_index(last_in, axis, shape)

            if last < first do
              raise ArgumentError, "slicing a tensor requires a non-empty range, got: #{inspect(first..last//1)}"
            end

            {[first | s], [last - first + 1 | l], q}

          {^axis, value} ->
            raise ArgumentError,
                  "slicing a tensor on an axis requires an integer, a scalar tensor or a range, got: " <>
                    inspect(value)

          nil ->
            {[0 | s], [elem(shape, axis) | l], q}
        end
      end)

    t |> Nx.slice(starts, lens) |> Nx.squeeze(axes: squeeze)
  end

  defp norm_index(index, axis, shape) do
    dim = elem(shape, axis)
    norm = if index < 0, do: dim + index, else: index

    if norm < 0 or norm >= dim do
      raise ArgumentError, "index #{index} is out of bounds for axis #{axis} in shape #{inspect(shape)}"
    end

    norm
  end

  @impl true
  def get_and_update(_tensor, _index, _update),
    do: raise("Access.get_and_update/3 is not supported. Please use Nx.put_slice/3 instead")

  @impl true
  def pop(_tensor, _index), do: raise("Access.pop/2 is not yet supported by Nx.Tensor")

  defimpl Inspect do
    import Inspect.Algebra

    def inspect(%Nx.Tensor{shape: shape, type: type, data: data}, opts) do
      open = color("[", :list, opts)
      sep = color(",", :list, opts)
      close = color("]", :list, opts)
      type_doc = color(Nx.Type.to_string(type), :atom, opts)

      shape_doc =
        shape |> Tuple.to_list() |> Enum.map(&concat([open, Integer.to_string(&1), close])) |> concat()

      data = if opts.limit == :infinity, do: data, else: Enum.take(data, opts.limit + 1)
      {data_doc, _, _} = chunk(Tuple.to_list(shape), data, opts.limit, {open, sep, close})
      inner = concat([line(), type_doc, shape_doc, line(), data_doc])

      force_unfit(
        concat([color("#Nx.Tensor<", :map, opts), nest(inner, 2), line(), color(">", :map, opts)])
      )
    end

    # Nx.Backend.inspect/3 of Nx 0.9.
    defp chunk([], [head | tail], limit, _docs) do
      {value(head), tail, if(limit == :infinity, do: limit, else: limit - 1)}
    end

    defp chunk([dim | dims], data, limit, {open, sep, close} = docs) do
      {acc, rest, limit} =
        chunk_each(dim, data, [], limit, fn chunk, limit -> chunk(dims, chunk, limit, docs) end)

      {open, sep, close, nest} =
        if dims == [] do
          {open, concat(sep, " "), close, 0}
        else
          {concat(open, line()), concat(sep, line()), concat(line(), close), 2}
        end

      doc = open |> concat(concat(Enum.intersperse(acc, sep))) |> nest(nest) |> concat(close)
      {doc, rest, limit}
    end

    defp chunk_each(0, data, acc, limit, _fun), do: {Enum.reverse(acc), data, limit}
    defp chunk_each(_dim, data, acc, 0, _fun), do: {Enum.reverse(["..." | acc]), data, 0}

    defp chunk_each(dim, data, acc, limit, fun) do
      {doc, rest, limit} = fun.(data, limit)
      chunk_each(dim - 1, rest, [doc | acc], limit, fun)
    end

    defp value(i) when is_integer(i), do: Integer.to_string(i)
    defp value(:neg_infinity), do: "-Inf"
    defp value(:infinity), do: "Inf"
    defp value(:nan), do: "NaN"
    defp value(f) when is_float(f), do: Float.to_string(f)
  end
end

defmodule Nx do
  @moduledoc false
  # The hastec subset of Nx 0.9 (see stdlib/ref/README.md).
  alias Nx.Tensor, as: T
  alias Nx.Num
  import Kernel, except: [max: 2, min: 2, abs: 1, floor: 1, ceil: 1, round: 1]

  @non_finite [:neg_infinity, :infinity, :nan]

  ## Options and errors

  @doc false
  def keyword!(opts, spec) when is_list(opts) do
    keys = Enum.map(spec, fn {k, _} -> k; k -> k end)

    Enum.each(opts, fn
      {k, _} ->
        if k not in keys do
          raise ArgumentError, "unknown key #{inspect(k)} in #{inspect(opts)}, expected one of #{inspect(keys)}"
        end

      other ->
        raise ArgumentError, "expected a keyword list with keys #{inspect(keys)}, got: #{inspect(other)}"
    end)

    Enum.reduce(spec, opts, fn
      {k, default}, acc -> Keyword.put_new(acc, k, default)
      _k, acc -> acc
    end)
  end

  def keyword!(opts, _spec),
    do: raise(ArgumentError, "expected a keyword list as options, got: #{inspect(opts)}")

  defp no_names!(opts) do
    if opts[:names] != nil do
      raise ArgumentError, "named axes (:names) are outside the hastec Nx subset"
    end

    opts
  end

  defp unsupported!(what), do: raise(ArgumentError, "#{what} is outside the hastec Nx subset")

  ## Construction helpers

  defp new(data, type, shape), do: %T{data: data, type: type, shape: shape, names: List.duplicate(nil, tuple_size(shape))}

  defp size_of(shape), do: Tuple.product(shape)

  def to_tensor(%T{} = t), do: t

  def to_tensor(n) when is_number(n) or n in @non_finite do
    type = Nx.Type.infer(n)
    new([Num.write(type, n)], type, {})
  end

  def to_tensor(other) do
    raise ArgumentError,
          "expected a tensor or a number, got: #{inspect(other)}. " <>
            "Use Nx.tensor/2 to build a tensor from a list"
  end

  defp write_all(data, type), do: Enum.map(data, &Num.write(type, &1))

  # Re-stores a tensor's values into another type, as the backend's
  # binary_to_binary(_, in, out, & &1) does (no truncation of floats).
  defp restore(%T{type: type} = t, type), do: t.data
  defp restore(%T{data: data}, type), do: write_all(data, type)

  ## Creation

  def tensor(arg, opts \\ [])

  def tensor(%T{} = t, opts) do
    opts = keyword!(opts, [:type, :names, :backend]) |> no_names!()

    if type = opts[:type] do
      if t.type != Nx.Type.normalize!(type) do
        raise ArgumentError,
              "Nx.tensor/2 expects a tensor with type #{inspect(type)} " <>
                "but it was given a tensor of type #{inspect(t.type)}"
      end
    end

    t
  end

  def tensor(arg, opts) do
    opts = keyword!(opts, [:type, :names, :backend]) |> no_names!()
    type = Nx.Type.normalize!(opts[:type] || infer_type(arg))

    case arg do
      true -> new([Num.write(type, 1)], type, {})
      false -> new([Num.write(type, 0)], type, {})
      n when is_number(n) or n in @non_finite -> new([Num.write(type, n)], type, {})
      list when is_list(list) ->
        {shape, flat} = flatten_list(list)
        if flat == [], do: raise("cannot build empty tensor")
        new(Enum.map(flat, &elem_to(type, &1)), type, shape)
    end
  end

  defp elem_to(type, true), do: Num.write(type, 1)
  defp elem_to(type, false), do: Num.write(type, 0)

  defp elem_to(type, n) when is_number(n) or n in @non_finite, do: Num.write(type, n)

  defp elem_to(_type, v), do: raise(ArgumentError, "invalid value given to Nx.tensor/1, got: #{inspect(v)}")

  defp infer_type([head | tail]) when is_list(tail) do
    Enum.reduce(tail, infer_type(head), &Nx.Type.merge(infer_type(&1), &2))
  end

  defp infer_type(v) when is_number(v) or v in @non_finite or is_boolean(v), do: Nx.Type.infer(v)

  defp infer_type(%T{} = v) do
    raise ArgumentError,
          "invalid value given to Nx.tensor/1. If you want to create a tensor from other tensors, " <>
            "consider using Nx.concatenate/2 or Nx.stack/2 instead. Got: #{inspect(v)}"
  end

  defp infer_type([]), do: {:f, 32}
  defp infer_type(v), do: raise(ArgumentError, "invalid value given to Nx.tensor/1, got: #{inspect(v)}")

  defp flatten_list(list) do
    {dims, acc} = flatten_list(list, [], [])
    {dims |> Enum.reverse() |> List.to_tuple(), Enum.reverse(acc)}
  end

  defp flatten_list([], dims, acc), do: {[0 | dims], acc}

  defp flatten_list([head | rest], parent_dims, acc) when is_list(head) do
    {child_dims, acc} = flatten_list(head, [], acc)

    {n, acc} =
      Enum.reduce(rest, {1, acc}, fn list, {count, acc} ->
        case flatten_list(list, [], acc) do
          {^child_dims, acc} ->
            {count + 1, acc}

          {other_dims, _acc} ->
            raise ArgumentError,
                  "cannot build tensor because lists have different shapes, got " <>
                    inspect(List.to_tuple(child_dims)) <>
                    " at position 0 and " <>
                    inspect(List.to_tuple(other_dims)) <> " at position #{count + 1}"
        end
      end)

    {child_dims ++ [n | parent_dims], acc}
  end

  defp flatten_list(list, dims, acc) when is_list(list) do
    {[length(list) | dims], Enum.reduce(list, acc, &[&1 | &2])}
  end

  defp flatten_list(other, dims, acc), do: {dims, [other | acc]}

  for t <- [:u8, :u16, :u32, :u64, :s8, :s16, :s32, :s64, :f32, :f64] do
    def unquote(t)(tensor), do: Nx.tensor(tensor, type: unquote(t))
  end

  def iota(shape, opts \\ []) do
    opts = keyword!(opts, [:axis, :names, :backend, type: {:s, 32}]) |> no_names!()
    shape = shape!(shape)
    type = Nx.Type.normalize!(opts[:type])

    data =
      case opts[:axis] do
        nil ->
          Enum.map(0..(size_of(shape) - 1)//1, &Num.write(type, &1))

        axis ->
          axis = normalize_axis(shape, axis)
          list = Tuple.to_list(shape)
          {before, [dim | after_]} = Enum.split(list, axis)
          repeat = Enum.reduce(after_, 1, &*/2)
          cycles = Enum.reduce(before, 1, &*/2)
          for _ <- 1..cycles//1, i <- 0..(dim - 1)//1, _ <- 1..repeat//1, do: Num.write(type, i)
      end

    new(if(shape == {}, do: [Num.write(type, 0)], else: data), type, shape)
  end

  def eye(n_or_shape, opts \\ [])
  def eye(n, opts) when is_integer(n) and n > 0, do: eye({n, n}, opts)

  def eye(shape, opts) when is_tuple(shape) and tuple_size(shape) >= 2 do
    opts = keyword!(opts, [:names, :backend, type: {:s, 32}]) |> no_names!()
    shape = shape!(shape)
    type = Nx.Type.normalize!(opts[:type])
    r = tuple_size(shape)
    m = elem(shape, r - 2)
    n = elem(shape, r - 1)
    count = div(size_of(shape), m * n)
    one = Num.write(type, 1)
    zero = Num.write(type, 0)
    data = for _ <- 1..count, i <- 1..m, j <- 1..n, do: if(i == j, do: one, else: zero)
    new(data, type, shape)
  end

  def eye(shape, _opts) do
    raise ArgumentError, "eye/2 expects a shape with at least 2 dimensions or an integer, got: #{inspect(shape)}"
  end

  def broadcast(tensor, shape, opts \\ []) do
    opts = keyword!(opts, [:axes, :names]) |> no_names!()
    t = to_tensor(tensor)
    shape = if is_tuple(shape), do: shape!(shape), else: shape(shape)

    axes =
      case opts[:axes] do
        nil -> broadcast_axes(t.shape, shape)
        axes -> normalize_axes(shape, axes)
      end

    if t.shape == shape and opts[:axes] == nil do
      t
    else
      broadcast_check!(t.shape, shape, axes)
      %{t | data: broadcast_data(t, shape, axes), shape: shape, names: List.duplicate(nil, tuple_size(shape))}
    end
  end

  ## Shape helpers

  defp shape!(shape) when is_tuple(shape) do
    shape
    |> Tuple.to_list()
    |> Enum.with_index()
    |> Enum.each(fn {d, i} ->
      unless is_integer(d) and d > 0 do
        raise ArgumentError,
              "invalid dimension in axis #{i} found in shape. Each dimension must be " <>
                "a positive integer, got #{inspect(d)} in shape #{inspect(shape)}"
      end
    end)

    shape
  end

  defp shape!(other) do
    raise ArgumentError,
          "invalid shape. shape is a n-element tuple with the size of each dimension. Got: #{inspect(other)}"
  end

  defp normalize_axis(shape, axis) when is_integer(axis) and axis < 0 and -axis <= tuple_size(shape),
    do: tuple_size(shape) + axis

  defp normalize_axis(shape, axis) when is_integer(axis) and axis >= 0 and axis < tuple_size(shape), do: axis
  defp normalize_axis(_shape, nil), do: raise(ArgumentError, "axis name cannot be nil")

  defp normalize_axis(shape, axis) when is_atom(axis) do
    raise ArgumentError,
          "key #{inspect(axis)} not found in tensor with names #{inspect(List.duplicate(nil, tuple_size(shape)))}"
  end

  defp normalize_axis(shape, axis) do
    raise ArgumentError, "given axis (#{inspect(axis)}) invalid for shape with rank #{tuple_size(shape)}"
  end

  defp normalize_axes(shape, axes) when is_list(axes) do
    normalized = Enum.map(axes, &normalize_axis(shape, &1))

    if length(Enum.uniq(normalized)) != length(axes) do
      raise ArgumentError, "axes #{inspect(axes)} must be unique integers between 0 and #{tuple_size(shape) - 1}"
    end

    normalized
  end

  defp normalize_axes(_shape, axes), do: raise(ArgumentError, "expected a list of axes, got: #{inspect(axes)}")

  defp broadcast_axes(shape, new_shape) when tuple_size(shape) > tuple_size(new_shape) do
    raise ArgumentError, "cannot broadcast tensor of dimensions #{inspect(shape)} to #{inspect(new_shape)}"
  end

  defp broadcast_axes(shape, new_shape) do
    min_size = tuple_size(shape)
    max_size = tuple_size(new_shape)
    Enum.to_list((max_size - min_size)..(max_size - 1)//1)
  end

  defp broadcast_check!(old_shape, new_shape, axes) do
    old_rank = tuple_size(old_shape)

    if length(axes) != old_rank do
      raise ArgumentError, "expected length of axes (#{length(axes)}) to match rank of shape (#{old_rank})"
    end

    ok =
      old_rank <= tuple_size(new_shape) and
        axes
        |> Enum.with_index()
        |> Enum.reduce(true, fn {head, axis}, acc ->
          if axis > 0 and head < Enum.at(axes, axis - 1) do
            raise ArgumentError, "broadcast axes must be ordered, got #{head} after #{Enum.at(axes, axis - 1)}"
          end

          old = elem(old_shape, axis)
          acc and (old == 1 or old == elem(new_shape, head))
        end)

    unless ok do
      raise ArgumentError,
            "cannot broadcast tensor of dimensions #{inspect(old_shape)} to #{inspect(new_shape)} with axes #{inspect(axes)}"
    end
  end

  defp binary_broadcast(shape, shape), do: shape

  defp binary_broadcast(ls, rs) do
    rank = Kernel.max(tuple_size(ls), tuple_size(rs))
    l = List.duplicate(1, rank - tuple_size(ls)) ++ Tuple.to_list(ls)
    r = List.duplicate(1, rank - tuple_size(rs)) ++ Tuple.to_list(rs)

    Enum.zip_with(l, r, fn a, b ->
      if a == b or a == 1 or b == 1 do
        Kernel.max(a, b)
      else
        raise ArgumentError, "cannot broadcast tensor of dimensions #{inspect(ls)} to #{inspect(rs)}"
      end
    end)
    |> List.to_tuple()
  end

  defp strides(shape) do
    shape
    |> Tuple.to_list()
    |> Enum.reverse()
    |> Enum.map_reduce(1, fn d, acc -> {acc, acc * d} end)
    |> elem(0)
    |> Enum.reverse()
  end

  # Row-major offsets of a traversal of `dims` where dimension k advances by
  # `steps[k]` in the source data.
  defp offsets([], [], base), do: [base]

  defp offsets([d | ds], [s | ss], base) do
    Enum.flat_map(0..(d - 1)//1, fn i -> offsets(ds, ss, base + i * s) end)
  end

  defp pick(data, offs) do
    tuple = List.to_tuple(data)
    Enum.map(offs, &elem(tuple, &1))
  end

  defp broadcast_data(%T{shape: shape, data: data}, shape), do: data

  defp broadcast_data(%T{shape: old} = t, new_shape),
    do: broadcast_data(t, new_shape, broadcast_axes(old, new_shape))

  defp broadcast_data(%T{shape: {}, data: [x]}, new_shape, []), do: List.duplicate(x, size_of(new_shape))

  defp broadcast_data(%T{shape: old, data: data}, new_shape, axes) do
    old_strides = strides(old)

    steps =
      Enum.map(0..(tuple_size(new_shape) - 1), fn out_axis ->
        case Enum.find_index(axes, &(&1 == out_axis)) do
          nil -> 0
          k -> if elem(old, k) == 1, do: 0, else: Enum.at(old_strides, k)
        end
      end)

    pick(data, offsets(Tuple.to_list(new_shape), steps, 0))
  end

  defp transpose_data(%T{shape: shape, data: data}, perm) do
    st = strides(shape)
    dims = Enum.map(perm, &elem(shape, &1))
    steps = Enum.map(perm, &Enum.at(st, &1))
    pick(data, offsets(dims, steps, 0))
  end

  ## Reflection

  def shape(%T{shape: shape}), do: shape
  def shape(n) when is_number(n), do: {}
  def shape(shape) when is_tuple(shape), do: shape!(shape)

  def shape(other) do
    raise ArgumentError,
          "expected a shape. A shape is a n-element tuple with the size of each dimension. " <>
            "Alternatively, you can pass a tensor (or a number) and the shape will be retrieved from the tensor. " <>
            "Got: #{inspect(other)}"
  end

  def type(t), do: to_tensor(t).type
  def rank(shape) when is_tuple(shape), do: tuple_size(shape)
  def rank(t), do: tuple_size(shape(t))
  def size(shape) when is_tuple(shape), do: Tuple.product(shape)
  def size(t), do: size(shape(t))
  def axis_size(t, axis), do: elem(shape(t), normalize_axis(shape(t), axis))
  def names(%T{names: names}), do: names
  def names(n) when is_number(n), do: []

  ## Conversion

  def to_number(n) when is_number(n), do: n

  def to_number(t) do
    t = to_tensor(t)

    if t.shape != {} do
      raise ArgumentError, "cannot convert tensor of shape #{inspect(t.shape)} to number"
    end

    hd(t.data)
  end

  def to_flat_list(t, opts \\ []) do
    opts = keyword!(opts, [:limit])
    t = to_tensor(t)
    if limit = opts[:limit], do: Enum.take(t.data, limit), else: t.data
  end

  def to_list(t) do
    t = to_tensor(t)

    if t.shape == {} do
      raise ArgumentError, "cannot convert a scalar tensor to a list, got: #{inspect(t)}"
    end

    {list, []} = nest_list(Tuple.to_list(t.shape), t.data)
    list
  end

  defp nest_list([], [h | t]), do: {h, t}

  defp nest_list([dim | dims], data) do
    {items, rest} =
      Enum.map_reduce(1..dim, data, fn _, acc -> nest_list(dims, acc) end)

    {items, rest}
  end

  def to_batched(tensor, batch_size, opts \\ []) when is_integer(batch_size) and batch_size >= 1 do
    opts = keyword!(opts, leftover: :repeat)
    t = to_tensor(tensor)

    if t.shape == {} do
      raise ArgumentError, "cannot batch non-vectorized scalar tensor #{inspect(t)}"
    end

    axis_size = elem(t.shape, 0)

    if axis_size < batch_size do
      raise ArgumentError, "cannot batch beyond original tensor"
    end

    out_shape = put_elem(t.shape, 0, batch_size)
    per = div(size_of(t.shape), axis_size) * batch_size
    full = div(axis_size, batch_size)
    rem_ = rem(axis_size, batch_size)
    range = if rem_ != 0 and opts[:leftover] == :repeat, do: 0..full, else: 0..(full - 1)//1

    Stream.map(range, fn
      ^full ->
        tail = Enum.drop(t.data, full * per)
        %{t | shape: out_shape, data: tail ++ Enum.take(t.data, per - length(tail))}

      i ->
        %{t | shape: out_shape, data: t.data |> Enum.drop(i * per) |> Enum.take(per)}
    end)
  end

  def as_type(%T{type: type} = t, new_type) do
    new_type = Nx.Type.normalize!(new_type)

    if type == new_type do
      t
    else
      float? = Nx.Type.float?(new_type)

      data =
        Enum.map(t.data, fn
          x when float? -> Num.write(new_type, x)
          x when is_number(x) -> Num.write(new_type, trunc(x))
          :nan -> 0
          :infinity -> Nx.Type.max_finite(new_type)
          :neg_infinity -> Nx.Type.min_finite(new_type)
        end)

      %{t | type: new_type, data: data}
    end
  end

  def as_type(number, type), do: tensor(number, type: type)

  ## Element-wise binary operations

  defp binary_type(a, b) when is_number(a) and is_number(b), do: Nx.Type.infer(a + b)
  defp binary_type(a, b) when is_number(a), do: Nx.Type.merge_number(type_of(b), a)
  defp binary_type(a, b) when is_number(b), do: Nx.Type.merge_number(type_of(a), b)
  defp binary_type(a, b), do: Nx.Type.merge(type_of(a), type_of(b))

  defp type_of(%T{type: type}), do: type
  defp type_of({_, _} = type), do: type
  defp type_of(_), do: {:f, 32}

  defp element_wise(left, right, type, fun) do
    l = to_tensor(left)
    r = to_tensor(right)
    shape = binary_broadcast(l.shape, r.shape)

    data =
      Enum.zip_with(broadcast_data(l, shape), broadcast_data(r, shape), fn x, y ->
        Num.write(type, fun.(x, y))
      end)

    new(data, type, shape)
  end

  def add(l, r), do: element_wise(l, r, binary_type(l, r), &Num.add/2)
  def subtract(l, r), do: element_wise(l, r, binary_type(l, r), &Num.sub/2)
  def multiply(l, r), do: element_wise(l, r, binary_type(l, r), &Num.mul/2)
  def divide(l, r), do: element_wise(l, r, Nx.Type.to_floating(binary_type(l, r)), &Num.divide/2)
  def max(l, r), do: element_wise(l, r, binary_type(l, r), &Num.max/2)
  def min(l, r), do: element_wise(l, r, binary_type(l, r), &Num.min/2)

  def pow(l, r) do
    type = binary_type(l, r)

    fun =
      if Nx.Type.integer?(type),
        do: fn a, b -> Integer.pow(a, b) end,
        else: &Num.pow/2

    element_wise(l, r, type, fun)
  end

  def remainder(l, r) do
    element_wise(l, r, binary_type(l, r), fn
      a, b when is_integer(a) and is_integer(b) -> rem(a, b)
      a, b -> :math.fmod(a, b)
    end)
  end

  def quotient(l, r) do
    type = binary_type(l, r)

    unless Nx.Type.integer?(type) do
      raise ArgumentError,
            "quotient expects integer tensors as inputs and outputs an integer tensor, got: #{inspect(type)}"
    end

    element_wise(l, r, type, &div/2)
  end

  for op <- [:equal, :not_equal, :greater, :less, :greater_equal, :less_equal] ++
              [:logical_and, :logical_or, :logical_xor] do
    def unquote(op)(l, r), do: element_wise(l, r, {:u, 8}, &apply(Num, unquote(op), [&1, &2]))
  end

  def logical_not(t), do: equal(t, 0)

  ## Element-wise unary operations

  defp unary(t, type_fun, fun) do
    t = to_tensor(t)
    type = type_fun.(t.type)
    %{t | type: type, data: Enum.map(t.data, &Num.write(type, fun.(&1)))}
  end

  def exp(t), do: unary(t, &Nx.Type.to_floating/1, &Num.exp/1)
  def log(t), do: unary(t, &Nx.Type.to_floating/1, &Num.log/1)
  def sqrt(t), do: unary(t, &Nx.Type.to_floating/1, &Num.sqrt/1)
  def tanh(t), do: unary(t, &Nx.Type.to_floating/1, &Num.tanh/1)
  def sigmoid(t), do: unary(t, &Nx.Type.to_floating/1, &Num.sigmoid/1)
  def negate(t), do: unary(t, & &1, &Num.negate/1)

  # floor/ceil/round/sign keep the type; integers are already whole; round is
  # half away from zero (Erlang's round); sign of a zero or NaN is itself.
  def floor(t), do: unary(t, & &1, &whole(&1, fn x -> Float.floor(x * 1.0) end))
  def ceil(t), do: unary(t, & &1, &whole(&1, fn x -> Float.ceil(x * 1.0) end))
  def round(t), do: unary(t, & &1, &whole(&1, fn x -> Kernel.round(x) * 1.0 end))

  def sign(t) do
    unary(t, & &1, fn
      :nan -> :nan
      :infinity -> 1
      :neg_infinity -> -1
      x when x < 0 -> -1
      x when x > 0 -> 1
      x -> x
    end)
  end

  defp whole(x, _f) when x in [:nan, :infinity, :neg_infinity], do: x
  defp whole(x, _f) when is_integer(x), do: x
  defp whole(x, f), do: f.(x)

  def abs(t) do
    t = to_tensor(t)

    case t.type do
      {:u, _} -> t
      _ -> unary(t, & &1, fn x when x in @non_finite -> if x == :nan, do: :nan, else: :infinity; x -> Kernel.abs(x) end)
    end
  end

  ## Ternary

  def select(pred, on_true, on_false) do
    pred = to_tensor(pred)
    on_true = to_tensor(on_true)
    on_false = to_tensor(on_false)
    type = binary_type(on_true, on_false)

    shape =
      if pred.shape == {},
        do: binary_broadcast(on_true.shape, on_false.shape),
        else: pred.shape

    for t <- [on_true, on_false], do: broadcast_check!(t.shape, shape, broadcast_axes(t.shape, shape))

    data =
      if pred.shape == {} do
        if hd(pred.data) == 0,
          do: write_all(broadcast_data(on_false, shape), type),
          else: write_all(broadcast_data(on_true, shape), type)
      else
        Enum.zip_with([pred.data, broadcast_data(on_true, shape), broadcast_data(on_false, shape)], fn
          [p, t, f] -> Num.write(type, if(p == 0, do: f, else: t))
        end)
      end

    new(data, type, shape)
  end

  def clip(tensor, min, max) do
    t = to_tensor(tensor)
    min = to_tensor(min)
    max = to_tensor(max)

    if min.shape != {} do
      raise ArgumentError, "min value must be a non-vectorized scalar shape, got shape #{inspect(min.shape)} and vectorized axes []"
    end

    if max.shape != {} do
      raise ArgumentError, "max value must be a non-vectorized scalar shape, got shape #{inspect(max.shape)} and vectorized axes []"
    end

    type = Nx.Type.merge(t.type, Nx.Type.merge(min.type, max.type))
    [lo] = min.data
    [hi] = max.data

    data =
      Enum.map(t.data, fn x ->
        c = if Num.greater(x, lo) == 1, do: x, else: lo
        Num.write(type, if(Num.less(c, hi) == 1, do: c, else: hi))
      end)

    %{t | type: type, data: data}
  end

  ## Shape operations

  def reshape(tensor, new_shape, opts \\ []) do
    _ = no_names!(opts)
    t = to_tensor(tensor)
    new_shape = if is_tuple(new_shape), do: new_shape, else: shape(new_shape)
    old_size = size_of(t.shape)

    new_shape =
      case Enum.find_index(Tuple.to_list(new_shape), &(&1 == :auto)) do
        nil ->
          shape!(new_shape)

        idx ->
          without = Tuple.delete_at(new_shape, idx)
          inferred = div(old_size, Tuple.product(without))

          if inferred == 0 do
            raise ArgumentError,
                  "cannot reshape, current shape #{inspect(t.shape)} is not compatible with new shape #{inspect(without)}"
          end

          put_elem(new_shape, idx, inferred)
      end

    if old_size != Tuple.product(new_shape) do
      raise ArgumentError,
            "cannot reshape, current shape #{inspect(t.shape)} is not compatible with new shape #{inspect(new_shape)}"
    end

    %{t | shape: new_shape, names: List.duplicate(nil, tuple_size(new_shape))}
  end

  def flatten(tensor), do: reshape(tensor, {size(tensor)})

  def transpose(tensor, opts \\ []) do
    opts = keyword!(opts, [:axes])
    t = to_tensor(tensor)
    rank = tuple_size(t.shape)

    axes =
      case opts[:axes] do
        nil -> Enum.to_list((rank - 1)..0//-1)
        axes -> normalize_axes(t.shape, axes)
      end

    if length(axes) != rank do
      raise ArgumentError, "expected length of permutation (#{length(axes)}) to match rank of shape (#{rank})"
    end

    if axes == Enum.to_list(0..(rank - 1)//1) do
      t
    else
      new(transpose_data(t, axes), t.type, List.to_tuple(Enum.map(axes, &elem(t.shape, &1))))
    end
  end

  def new_axis(tensor, axis, name \\ nil) when is_integer(axis) do
    if name != nil, do: unsupported!("a named axis")
    t = to_tensor(tensor)
    rank = tuple_size(t.shape)
    axis = if axis < 0, do: rank + 1 + axis, else: axis

    if axis < 0 or axis > rank do
      raise ArgumentError, "given axis (#{axis}) invalid for shape with rank #{rank + 1}"
    end

    reshape(t, Tuple.insert_at(t.shape, axis, 1))
  end

  def squeeze(tensor, opts \\ []) do
    opts = keyword!(opts, [:axes])
    t = to_tensor(tensor)
    list = Tuple.to_list(t.shape)

    axes =
      case opts[:axes] do
        nil -> for {1, i} <- Enum.with_index(list), do: i
        axes -> normalize_axes(t.shape, axes)
      end

    new_shape =
      list
      |> Enum.with_index()
      |> Enum.flat_map(fn {s, i} ->
        cond do
          i not in axes -> [s]
          s == 1 -> []
          true -> raise ArgumentError, "cannot squeeze dimensions whose sizes are not 1, got #{s} for dimension #{i}"
        end
      end)
      |> List.to_tuple()

    if new_shape == t.shape, do: t, else: reshape(t, new_shape)
  end

  def slice(tensor, start_indices, lengths, opts \\ []) when is_list(start_indices) and is_list(lengths) do
    opts = keyword!(opts, strides: 1)
    t = to_tensor(tensor)
    rank = tuple_size(t.shape)
    strides = if is_integer(opts[:strides]), do: List.duplicate(opts[:strides], rank), else: opts[:strides]

    if length(strides) != rank, do: raise(ArgumentError, "invalid strides rank for shape of rank #{rank}")
    if length(start_indices) != rank, do: raise(ArgumentError, "invalid start indices rank for shape of rank #{rank}")
    if length(lengths) != rank, do: raise(ArgumentError, "invalid limit indices rank for shape of rank #{rank}")

    starts =
      Enum.with_index(start_indices, fn
        %T{shape: {}, type: type, data: [i]}, _ax ->
          unless Nx.Type.integer?(type) do
            raise ArgumentError, "index must be integer type, got #{inspect(type)} for axis 0"
          end

          i

        %T{shape: s}, ax ->
          raise ArgumentError, "index must be scalar, got shape #{inspect(s)} for axis #{ax}"

        i, _ when is_integer(i) ->
          i
      end)

    out_dims =
      [Tuple.to_list(t.shape), lengths, strides]
      |> Enum.zip()
      |> Enum.with_index(fn {dim, len, s}, pos ->
        if not is_integer(len) or len < 1 do
          raise ArgumentError, "length at axis #{pos} must be greater than or equal to 1, got: #{inspect(len)}"
        end

        if not is_integer(s) or s < 1 do
          raise ArgumentError, "stride at axis #{pos} must be greater than or equal to 1, got: #{inspect(s)}"
        end

        if len > dim do
          raise ArgumentError, "length at axis #{pos} must be less than axis size of #{dim}, got: #{len}"
        end

        Kernel.ceil(len / s)
      end)

    # start indices are clamped so that the slice fits
    starts =
      [Tuple.to_list(t.shape), starts, lengths]
      |> Enum.zip_with(fn [dim, i, len] -> Kernel.min(Kernel.max(i, 0), dim - len) end)

    st = strides(t.shape)
    base = Enum.zip_with(starts, st, &(&1 * &2)) |> Enum.sum()
    steps = Enum.zip_with(strides, st, &(&1 * &2))
    new(pick(t.data, offsets(out_dims, steps, base)), t.type, List.to_tuple(out_dims))
  end

  def slice_along_axis(tensor, start_index, len, opts \\ []) when is_integer(len) do
    opts = keyword!(opts, strides: 1, axis: 0)
    t = to_tensor(tensor)
    axis = normalize_axis(t.shape, opts[:axis])
    rank = tuple_size(t.shape)

    if start_index == 0 and opts[:strides] == 1 and elem(t.shape, axis) == len do
      t
    else
      starts = List.duplicate(0, rank) |> List.replace_at(axis, start_index)
      lengths = t.shape |> put_elem(axis, len) |> Tuple.to_list()
      strides = List.duplicate(1, rank) |> List.replace_at(axis, opts[:strides])
      slice(t, starts, lengths, strides: strides)
    end
  end

  def take(tensor, indices, opts \\ []) when is_list(opts) do
    idx = to_tensor(indices)

    unless Nx.Type.integer?(idx.type) do
      raise ArgumentError, "indices must be an integer tensor, got #{inspect(idx.type)}"
    end

    opts = keyword!(opts, axis: 0)
    t = to_tensor(tensor)
    axis = normalize_axis(t.shape, opts[:axis])
    list = Tuple.to_list(t.shape)
    {lead, [dim | trail]} = Enum.split(list, axis)
    out_shape = List.to_tuple(lead ++ Tuple.to_list(idx.shape) ++ trail)
    # The backend gathers on the tensor transposed so that `axis` comes first.
    moved = List.to_tuple([dim | lead ++ trail])

    Enum.each(idx.data, fn i ->
      if i < 0 or i >= dim do
        raise ArgumentError, "index #{i} is out of bounds for axis 0 in shape #{inspect(moved)}"
      end
    end)

    st = strides(t.shape)
    ax_stride = Enum.at(st, axis)
    {lead_st, [_ | trail_st]} = Enum.split(st, axis)
    lead_offs = offsets(lead, lead_st, 0)
    trail_offs = offsets(trail, trail_st, 0)
    tuple = List.to_tuple(t.data)

    data =
      for l <- lead_offs, i <- idx.data, r <- trail_offs, do: elem(tuple, l + i * ax_stride + r)

    new(data, t.type, out_shape)
  end

  def concatenate(tensors, opts \\ []) do
    opts = keyword!(opts, axis: 0)

    case flatten_tensors(tensors) do
      [] ->
        raise ArgumentError, "no tensors were given to concatenate"

      [t] ->
        t

      [first | _] = ts ->
        rank = tuple_size(first.shape)
        axis = normalize_axis(first.shape, opts[:axis])
        template = first.shape |> Tuple.to_list() |> List.replace_at(axis, "*")
        template = "{" <> Enum.map_join(template, ", ", &to_string/1) <> "}"

        Enum.each(ts, fn t ->
          ok =
            tuple_size(t.shape) == rank and
              Enum.all?(0..(rank - 1), fn i -> i == axis or elem(t.shape, i) == elem(first.shape, i) end)

          unless ok do
            raise ArgumentError,
                  "expected all shapes to match #{template}, got unmatching shape: #{inspect(t.shape)}"
          end
        end)

        type = ts |> Enum.map(& &1.type) |> Enum.reduce(&Nx.Type.merge/2)
        out_shape = put_elem(first.shape, axis, Enum.reduce(ts, 0, &(&2 + elem(&1.shape, axis))))
        steps = first.shape |> Tuple.to_list() |> Enum.take(axis) |> Enum.reduce(1, &*/2)

        parts =
          Enum.map(ts, fn t ->
            data = restore(t, type)
            chunk = div(size_of(t.shape), steps)
            Enum.chunk_every(data, chunk)
          end)

        data =
          parts
          |> Enum.zip_with(&List.flatten/1)
          |> List.flatten()

        new(data, type, out_shape)
    end
  end

  def stack(tensors, opts \\ []) do
    opts = keyword!(opts, axis: 0, name: nil)
    if opts[:name] != nil, do: unsupported!("a named axis")

    case flatten_tensors(tensors) do
      [] ->
        raise ArgumentError, "no tensors were given to stack"

      [t] ->
        new_axis(t, opts[:axis])

      [first | _] = ts ->
        Enum.each(ts, fn t ->
          if t.shape != first.shape do
            raise ArgumentError,
                  "expected all shapes to match #{inspect(first.shape)}, got unmatching shape: #{inspect(t.shape)}"
          end
        end)

        ts |> Enum.map(&new_axis(&1, opts[:axis])) |> concatenate(axis: opts[:axis])
    end
  end

  defp flatten_tensors(list) when is_list(list), do: Enum.flat_map(list, &flatten_tensors/1)
  defp flatten_tensors(tuple) when is_tuple(tuple), do: tuple |> Tuple.to_list() |> flatten_tensors()
  # A struct may stand for a container of tensors (Nx.LazyContainer in Nx);
  # the shims mark such structs with __nx_tensors__/1 (explorer.exs frames).
  defp flatten_tensors(%mod{} = s) when mod != T do
    Code.ensure_loaded(mod)

    if function_exported?(mod, :__nx_tensors__, 1),
      do: Enum.flat_map(mod.__nx_tensors__(s), &flatten_tensors/1),
      else: [to_tensor(s)]
  end

  defp flatten_tensors(t), do: [to_tensor(t)]

  ## Aggregates

  # Groups the elements of `t` per output position: the reduced axes (in
  # ascending order) run fastest, in row-major order, as the binary
  # backend's aggregate_axes/4 traverses them.
  defp groups(%T{shape: shape} = t, nil, keep_axes) do
    out = if keep_axes, do: Tuple.duplicate(1, tuple_size(shape)), else: {}
    {out, [t.data]}
  end

  defp groups(%T{shape: shape} = t, axes, keep_axes) do
    axes = normalize_axes(shape, axes) |> Enum.sort()
    rank = tuple_size(shape)
    kept = Enum.reject(0..(rank - 1)//1, &(&1 in axes))
    data = transpose_data(t, kept ++ axes)
    block = axes |> Enum.map(&elem(shape, &1)) |> Enum.reduce(1, &*/2)

    out =
      0..(rank - 1)//1
      |> Enum.flat_map(fn i ->
        cond do
          i not in axes -> [elem(shape, i)]
          keep_axes -> [1]
          true -> []
        end
      end)
      |> List.to_tuple()

    {out, Enum.chunk_every(data, block)}
  end

  defp aggregate(tensor, type, opts, fun) do
    t = to_tensor(tensor)
    opts = keyword!(opts, [:axes, keep_axes: false])

    if opts[:axes] != nil and normalize_axes(t.shape, opts[:axes]) == [] do
      as_type(t, type)
    else
      {out_shape, groups} = groups(t, opts[:axes], opts[:keep_axes])
      new(Enum.map(groups, &Num.write(type, fun.(&1))), type, out_shape)
    end
  end

  def sum(tensor, opts \\ []) do
    t = to_tensor(tensor)
    aggregate(t, Nx.Type.to_aggregate(t.type), opts, fn g -> Enum.reduce(g, 0, &Num.add(&1, &2)) end)
  end

  def product(tensor, opts \\ []) do
    t = to_tensor(tensor)
    aggregate(t, Nx.Type.to_aggregate(t.type), opts, fn g -> Enum.reduce(g, 1, &Num.mul(&1, &2)) end)
  end

  def reduce_max(tensor, opts \\ []) do
    t = to_tensor(tensor)
    aggregate(t, t.type, opts, fn [h | rest] -> Enum.reduce(rest, h, &Num.max(&2, &1)) end)
  end

  def reduce_min(tensor, opts \\ []) do
    t = to_tensor(tensor)
    aggregate(t, t.type, opts, fn [h | rest] -> Enum.reduce(rest, h, &Num.min(&2, &1)) end)
  end

  # u8: every (any) element nonzero, over opts[:axes] (a NaN is nonzero).
  def all(tensor, opts \\ []), do: reduce_min(not_equal(tensor, 0), opts)
  def any(tensor, opts \\ []), do: reduce_max(not_equal(tensor, 0), opts)

  def mean(tensor, opts \\ []) do
    t = to_tensor(tensor)

    den =
      if axes = opts[:axes] do
        t.shape |> normalize_axes(axes) |> Enum.map(&elem(t.shape, &1)) |> Enum.reduce(1, &*/2)
      else
        size_of(t.shape)
      end

    divide(sum(t, opts), den)
  end

  def variance(tensor, opts \\ []) do
    t = to_tensor(tensor)
    opts = keyword!(opts, [:axes, ddof: 0, keep_axes: false])
    {ddof, opts} = Keyword.pop!(opts, :ddof)

    total =
      if axes = opts[:axes] do
        t.shape |> normalize_axes(axes) |> Enum.map(&elem(t.shape, &1)) |> Enum.reduce(1, &*/2)
      else
        size_of(t.shape)
      end

    mean = mean(t, Keyword.put(opts, :keep_axes, true))
    t |> subtract(mean) |> pow(2) |> sum(opts) |> divide(total - ddof)
  end

  def standard_deviation(tensor, opts \\ []), do: sqrt(variance(tensor, opts))

  def logsumexp(tensor, opts \\ []) do
    type = type(tensor)
    opts = keyword!(opts, [:axes, :exp_scaling_factor, :keep_axes])
    axes = opts[:axes]
    keep_axes = opts[:keep_axes]
    max = reduce_max(tensor, axes: axes, keep_axes: true)
    max = select(is_infinity(max), Nx.tensor(0, type: type), max)
    exps = tensor |> subtract(max) |> exp()

    exps =
      if f = opts[:exp_scaling_factor], do: multiply(f, exps), else: exps

    max = if keep_axes, do: max, else: squeeze(max, axes: axes)
    exps |> sum(axes: axes, keep_axes: keep_axes) |> log() |> add(max)
  end

  def is_infinity(tensor) do
    t = to_tensor(tensor)
    %{t | type: {:u, 8}, data: Enum.map(t.data, &if(&1 in [:infinity, :neg_infinity], do: 1, else: 0))}
  end

  def is_nan(tensor) do
    t = to_tensor(tensor)
    %{t | type: {:u, 8}, data: Enum.map(t.data, &if(&1 == :nan, do: 1, else: 0))}
  end

  def argmax(tensor, opts \\ []), do: arg_op(tensor, opts, &Num.gt/2)
  def argmin(tensor, opts \\ []), do: arg_op(tensor, opts, &Num.lt/2)

  defp arg_op(tensor, opts, cmp) do
    opts = keyword!(opts, [:axis, tie_break: :low, keep_axis: false, type: {:s, 32}])
    t = to_tensor(tensor)

    cmp =
      case opts[:tie_break] do
        :low -> cmp
        :high -> &(cmp.(&1, &2) or &1 == &2)
        other -> raise ArgumentError, "unknown value for :tie_break, expected :high or :low, got: #{inspect(other)}"
      end

    type = Nx.Type.normalize!(opts[:type])

    {out_shape, groups} =
      case opts[:axis] do
        nil -> {{}, [t.data]}
        axis -> groups(t, [normalize_axis(t.shape, axis)], opts[:keep_axis])
      end

    data =
      Enum.map(groups, fn g ->
        {_, _, idx} =
          Enum.reduce(g, {0, :first, -1}, fn x, {i, cur, cur_i} ->
            if cur == :first or x == :nan or cmp.(x, cur),
              do: {i + 1, x, i},
              else: {i + 1, cur, cur_i}
          end)

        Num.write(type, idx)
      end)

    new(data, type, out_shape)
  end

  ## Linear algebra

  def dot(t1, t2) do
    a = to_tensor(t1)
    b = to_tensor(t2)

    case {tuple_size(a.shape), tuple_size(b.shape)} do
      {0, _} -> multiply(a, b)
      {_, 0} -> multiply(a, b)
      {n, 1} -> dot(a, [n - 1], b, [0])
      {1, m} -> dot(a, [0], b, [m - 2])
      {n, m} -> dot(a, [n - 1], b, [m - 2])
    end
  end

  def dot(t1, contract1, t2, contract2) do
    a = to_tensor(t1)
    b = to_tensor(t2)
    type = binary_type(a, b)
    c1 = normalize_axes(a.shape, contract1)
    c2 = normalize_axes(b.shape, contract2)

    if length(c1) != length(c2) do
      raise ArgumentError, "dot/zip expects the same number of contracting axes on both sides"
    end

    Enum.zip_with(c1, c2, fn x, y ->
      d1 = elem(a.shape, x)
      d2 = elem(b.shape, y)

      if d1 != d2 do
        raise ArgumentError,
              "dot/zip expects shapes to be compatible, dimension #{x} of left-side (#{d1}) " <>
                "does not equal dimension #{y} of right-side (#{d2})"
      end
    end)

    {keep1, rows1} = dot_rows(a, c1)
    {keep2, rows2} = dot_rows(b, c2)

    data =
      for r1 <- rows1, r2 <- rows2 do
        Enum.zip_reduce(r1, r2, 0, fn x, y, acc -> Num.add(Num.mul(x, y), acc) end)
        |> then(&Num.write(type, &1))
      end

    new(data, type, List.to_tuple(keep1 ++ keep2))
  end

  # dot/6: one dot/4 per position of the batch axes (which come first in
  # the result, then t1's free axes, then t2's).
  def dot(t1, contract1, batch1, t2, contract2, batch2) do
    a = to_tensor(t1)
    b = to_tensor(t2)
    ba = normalize_axes(a.shape, batch1)
    bb = normalize_axes(b.shape, batch2)

    if length(ba) != length(bb) do
      raise ArgumentError, "dot/zip expects the same number of batch axes on both sides"
    end

    Enum.zip_with(ba, bb, fn x, y ->
      if elem(a.shape, x) != elem(b.shape, y) do
        raise ArgumentError,
              "dot/zip expects batch dimensions to be equal, dimension #{x} of left-side " <>
                "(#{elem(a.shape, x)}) does not equal dimension #{y} of right-side (#{elem(b.shape, y)})"
      end
    end)

    {sub_a, ca} = batch_parts(a, ba, normalize_axes(a.shape, contract1))
    {sub_b, cb} = batch_parts(b, bb, normalize_axes(b.shape, contract2))
    dots = Enum.zip_with(sub_a, sub_b, fn x, y -> dot(x, ca, y, cb) end)
    first = hd(dots)
    batch_dims = Enum.map(ba, &elem(a.shape, &1))
    new(Enum.flat_map(dots, & &1.data), first.type, List.to_tuple(batch_dims ++ Tuple.to_list(first.shape)))
  end

  # The operand split along its batch axes (in batch order): one tensor of
  # the remaining axes per batch position, and the contracting axes renumbered.
  defp batch_parts(t, batch, contract) do
    rank = tuple_size(t.shape)
    rest = Enum.reject(0..(rank - 1)//1, &(&1 in batch))
    rest_shape = List.to_tuple(Enum.map(rest, &elem(t.shape, &1)))
    n = Enum.reduce(Tuple.to_list(rest_shape), 1, &*/2)
    data = transpose_data(t, batch ++ rest)
    parts = if n == 0, do: [], else: Enum.chunk_every(data, n)
    {Enum.map(parts, &new(&1, t.type, rest_shape)), Enum.map(contract, fn c -> Enum.find_index(rest, &(&1 == c)) end)}
  end

  # The operand transposed to (kept axes ++ contracting axes in the given
  # order), one row of contracted elements per kept position.
  defp dot_rows(t, contract) do
    rank = tuple_size(t.shape)
    kept = Enum.reject(0..(rank - 1)//1, &(&1 in contract))
    data = transpose_data(t, kept ++ contract)
    block = contract |> Enum.map(&elem(t.shape, &1)) |> Enum.reduce(1, &*/2)
    {Enum.map(kept, &elem(t.shape, &1)), Enum.chunk_every(data, block)}
  end

  def outer(t1, t2) do
    a = to_tensor(t1)
    b = to_tensor(t2)
    multiply(reshape(a, {size(a), 1}), reshape(b, {1, size(b)}))
  end

  ## Gradient tracing
  #
  # The differentiable primitives below are wrapped (defoverridable + super)
  # so that, while Nx.Defn.Grad traces a grad/value_and_grad function, each
  # call with a traced operand records a tape node (operands, result and the
  # op's static arguments). The wrappers compute on untraced copies of the
  # operands, so a primitive's own helper calls record nothing; composite
  # functions that are not wrapped (mean, variance, standard_deviation,
  # logsumexp, outer, dot/2, squeeze, new_axis, flatten, stack,
  # slice_along_axis, tensor[...]) record the primitives they are made of,
  # as Nx.Defn.Expr does, so their gradients are Nx's. Outside a trace a
  # wrapper only calls the original function.

  defoverridable add: 2, subtract: 2, multiply: 2, divide: 2, pow: 2, max: 2, min: 2,
                 remainder: 2, quotient: 2, exp: 1, log: 1, sqrt: 1, tanh: 1, sigmoid: 1,
                 negate: 1, abs: 1, as_type: 2, select: 3, clip: 3, reshape: 2, reshape: 3,
                 transpose: 1, transpose: 2, broadcast: 2, broadcast: 3, slice: 3, slice: 4,
                 concatenate: 1, concatenate: 2, take: 2, take: 3, sum: 1, sum: 2,
                 product: 1, product: 2, reduce_max: 1, reduce_max: 2, reduce_min: 1,
                 reduce_min: 2, dot: 4, is_nan: 1, is_infinity: 1, floor: 1, ceil: 1, round: 1,
                 sign: 1

  alias Nx.Defn.Grad

  for op <- [:add, :subtract, :multiply, :divide, :pow, :max, :min, :remainder, :quotient] do
    def unquote(op)(l, r), do: Grad.trace(unquote(op), [l, r], fn [l, r] -> super(l, r) end)
  end

  for op <- [:exp, :log, :sqrt, :tanh, :sigmoid, :negate, :abs] do
    def unquote(op)(t), do: Grad.trace(unquote(op), [t], fn [t] -> super(t) end)
  end

  def as_type(t, type), do: Grad.trace(:as_type, [t], fn [t] -> super(t, type) end)
  def select(p, a, b), do: Grad.trace(:select, [p, a, b], fn [p, a, b] -> super(p, a, b) end)
  def clip(t, lo, hi), do: Grad.trace(:clip, [t, lo, hi], fn [t, lo, hi] -> super(t, lo, hi) end)

  def reshape(t, shape, opts \\ []), do: Grad.trace(:reshape, [t], fn [t] -> super(t, shape, opts) end)

  def transpose(t, opts \\ []) do
    Grad.trace(:transpose, [t], fn [t] -> super(t, opts) end, fn [t], _ans ->
      t = to_tensor(t)

      case opts[:axes] do
        nil -> Enum.to_list((tuple_size(t.shape) - 1)..0//-1)
        axes -> normalize_axes(t.shape, axes)
      end
    end)
  end

  def broadcast(t, shape, opts \\ []) do
    Grad.trace(:broadcast, [t], fn [t] -> super(t, shape, opts) end, fn [t], ans ->
      axes =
        case opts[:axes] do
          nil -> broadcast_axes(Nx.shape(t), ans.shape)
          axes -> normalize_axes(ans.shape, axes)
        end

      {ans.shape, axes}
    end)
  end

  def slice(t, starts, lengths, opts \\ []) do
    Grad.trace(:slice, [t], fn [t] -> super(t, starts, lengths, opts) end, fn [t], _ans ->
      t = to_tensor(t)
      rank = tuple_size(t.shape)
      strides = Keyword.get(opts, :strides, 1)
      strides = if is_integer(strides), do: List.duplicate(strides, rank), else: strides

      starts =
        [Tuple.to_list(t.shape), starts, lengths]
        |> Enum.zip_with(fn [dim, i, len] ->
          i = if is_integer(i), do: i, else: hd(i.data)
          Kernel.min(Kernel.max(i, 0), dim - len)
        end)

      {starts, strides}
    end)
  end

  def concatenate(tensors, opts \\ []) do
    Grad.trace(:concatenate, flatten_tensors(tensors), fn ts -> super(ts, opts) end, fn [first | _], _ans ->
      normalize_axis(first.shape, Keyword.get(opts, :axis, 0))
    end)
  end

  def take(t, indices, opts \\ []) do
    Grad.trace(:take, [t, indices], fn [t, i] -> super(t, i, opts) end, fn [t, _], _ans ->
      normalize_axis(Nx.shape(t), Keyword.get(opts, :axis, 0))
    end)
  end

  for op <- [:sum, :product, :reduce_max, :reduce_min] do
    def unquote(op)(t, opts \\ []) do
      Grad.trace(unquote(op), [t], fn [t] -> super(t, opts) end, fn [t], _ans ->
        axes = if axes = opts[:axes], do: normalize_axes(Nx.shape(t), axes)
        {axes, opts[:keep_axes] || false}
      end)
    end
  end

  def dot(t1, c1, t2, c2) do
    Grad.trace(:dot, [t1, t2], fn [a, b] -> super(a, c1, b, c2) end, fn [a, b], _ans ->
      {normalize_axes(Nx.shape(a), c1), normalize_axes(Nx.shape(b), c2)}
    end)
  end

  # Masks carry no gradient (and must not keep the operand's tape node).
  def is_nan(t), do: super(Grad.strip(t))
  def is_infinity(t), do: super(Grad.strip(t))
  # Steps: zero gradient almost everywhere (Nx's rule).
  def floor(t), do: super(Grad.strip(t))
  def ceil(t), do: super(Grad.strip(t))
  def round(t), do: super(Grad.strip(t))
  def sign(t), do: super(Grad.strip(t))
end

defmodule Nx.Defn.Kernel do
  @moduledoc false
  # The operators of Nx.Defn.Kernel: inside defn they act on tensors.
  import Kernel,
    except: [+: 2, -: 2, -: 1, +: 1, *: 2, /: 2, **: 2, ==: 2, !=: 2, <: 2, >: 2, <=: 2, >=: 2,
             and: 2, or: 2, not: 1, max: 2, min: 2, rem: 2, div: 2, if: 2]

  @doc false
  def __kernel_excepts__,
    do:
      [+: 2, -: 2, -: 1, +: 1, *: 2, /: 2, **: 2, ==: 2, !=: 2, <: 2, >: 2] ++
        [<=: 2, >=: 2, and: 2, or: 2, not: 1, max: 2, min: 2, rem: 2, div: 2, if: 2]

  defguardp nums(a, b) when Kernel.and(is_number(a), is_number(b))

  def a + b when nums(a, b), do: Kernel.+(a, b)
  def a + b, do: Nx.add(a, b)
  def a - b when nums(a, b), do: Kernel.-(a, b)
  def a - b, do: Nx.subtract(a, b)
  def a * b when nums(a, b), do: Kernel.*(a, b)
  def a * b, do: Nx.multiply(a, b)
  def a / b when nums(a, b), do: Kernel./(a, b)
  def a / b, do: Nx.divide(a, b)
  def a ** b, do: Nx.pow(a, b)
  def -a when is_number(a), do: Kernel.-(a)
  def -a, do: Nx.negate(a)
  def +a, do: a
  def a == b, do: Nx.equal(a, b)
  def a != b, do: Nx.not_equal(a, b)
  def a < b, do: Nx.less(a, b)
  def a > b, do: Nx.greater(a, b)
  def a <= b, do: Nx.less_equal(a, b)
  def a >= b, do: Nx.greater_equal(a, b)
  def a and b when Kernel.and(is_boolean(a), is_boolean(b)), do: Kernel.and(a, b)
  def a and b, do: Nx.logical_and(a, b)
  def a or b when Kernel.and(is_boolean(a), is_boolean(b)), do: Kernel.or(a, b)
  def a or b, do: Nx.logical_or(a, b)
  def not a when is_boolean(a), do: Kernel.not(a)
  def not a, do: Nx.logical_not(a)
  def max(a, b), do: Nx.max(a, b)
  def min(a, b), do: Nx.min(a, b)
  def rem(a, b), do: Nx.remainder(a, b)
  def div(a, b), do: Nx.quotient(a, b)

  defmacro if(pred, clauses) do
    quote do
      Kernel.if(Nx.Defn.Kernel.__pred__(unquote(pred)), unquote(clauses))
    end
  end

  @doc false
  def __pred__(%Nx.Tensor{}) do
    raise ArgumentError, "if/2 (and cond/case) on tensors inside defn is outside the hastec Nx subset"
  end

  def __pred__(other), do: other

  @doc false
  def __arg__(%Nx.Tensor{} = t), do: t
  def __arg__(n) when is_number(n), do: Nx.to_tensor(n)
  def __arg__(t) when is_tuple(t), do: t |> Tuple.to_list() |> Enum.map(&__arg__/1) |> List.to_tuple()
  # Containers: atom-key maps of tensors (Nx.Container for maps); functions
  # pass through (defn accepts anonymous functions as arguments, e.g. a
  # Polaris update_fn).
  def __arg__(%_{} = other), do: bad_arg!(other)
  def __arg__(m) when is_map(m), do: Map.new(m, fn {k, v} -> {k, __arg__(v)} end)
  def __arg__(f) when is_function(f), do: f
  def __arg__(other), do: bad_arg!(other)

  defp bad_arg!(other) do
    raise ArgumentError,
          "defn functions expects either numbers, tensors or tuples of them as arguments, got: " <>
            inspect(other)
  end

  @doc false
  def __result__(n) when is_number(n), do: Nx.to_tensor(n)
  def __result__(t) when is_tuple(t), do: t |> Tuple.to_list() |> Enum.map(&__result__/1) |> List.to_tuple()
  def __result__(%_{} = other), do: other
  def __result__(m) when is_map(m), do: Map.new(m, fn {k, v} -> {k, __result__(v)} end)
  def __result__(other), do: other

  ## Automatic differentiation (Nx.Defn.Kernel.grad/2, value_and_grad/2,3,
  ## stop_grad/1 of Nx 0.9), by tracing: see Nx.Defn.Grad.

  @doc false
  def grad(data, fun) when is_function(fun, 1) do
    {_value, grad} = Nx.Defn.Grad.value_and_grad(data, fun, & &1)
    grad
  end

  def grad(_data, fun) do
    raise ArgumentError, "grad/2 expects a function of arity 1 as second argument, got: #{inspect(fun)}"
  end

  @doc false
  def value_and_grad(data, fun, transform \\ & &1)

  def value_and_grad(data, fun, transform) when Kernel.and(is_function(fun, 1), is_function(transform, 1)),
    do: Nx.Defn.Grad.value_and_grad(data, fun, transform)

  def value_and_grad(_data, fun, transform) do
    raise ArgumentError,
          "value_and_grad/3 expects functions of arity 1 as second and third arguments, got: " <>
            "#{inspect(fun)} and #{inspect(transform)}"
  end

  @doc false
  def stop_grad(expr), do: Nx.Defn.Grad.stop(expr)
end

defmodule Nx.Defn.Grad do
  @moduledoc false
  # Reverse-mode automatic differentiation by tracing, the shim's version of
  # Nx 0.9's Nx.Defn.Grad (which transforms a defn expression graph).
  #
  # value_and_grad/3 marks every tensor of `data` as a tape parameter and calls
  # `fun`; while it runs, the wrapped Nx primitives (see the end of module Nx)
  # record a tape node for each call that has a traced operand. The backward
  # pass then walks the tape from the last node to the first, applying to each
  # node that received a gradient the same vector-Jacobian rule, written with
  # the same Nx calls, as Nx.Defn.Grad, and evaluates them eagerly on the
  # binary-backend arithmetic of this shim. Hence the gradients have Nx's
  # values and types:
  #   * the seed is f32 1.0 (Nx's `constant(1.0, expr)` is f32), broadcast
  #     to the shape of the function's result (a non-scalar result is a sum);
  #   * types follow Nx's promotion through the rules (g * y, g / y, ...):
  #     the gradient of an f64 parameter is f64 when an f64 value multiplies
  #     the seed on the way back, and f32 otherwise (e.g. grad of sum(x));
  #     an integer parameter gets an f32 gradient; a parameter the result
  #     does not depend on gets f32 zeros (Nx broadcasts `Expr.tensor(0.0)`);
  #   * several contributions to one node are added with Nx.add, in the
  #     order the tape delivers them (Nx's own order may differ: with three or
  #     more contributions the last bit of an f32 sum may differ).
  # Rules that only Nx's graph could skip are skipped here too: a rule only
  # computes the contributions of operands that are traced.
  alias Nx.Tensor, as: T

  @key :nx_shim_grad_tape

  ## Tracing, called by the wrapped Nx functions

  @doc false
  def strip(%T{grad_node: nil} = t), do: t
  def strip(%T{} = t), do: %{t | grad_node: nil}
  def strip(other), do: other

  defp node_id(%T{grad_node: {ref, idx}}, ref), do: idx
  defp node_id(_, _), do: nil

  @doc false
  # Calls `compute` on untraced operands; while tracing, records a node if an
  # operand is traced. `info` computes the op's static arguments (normalized
  # axes, ...) from the operands and the result, only when a node is recorded.
  def trace(op, args, compute, info \\ fn _, _ -> nil end) do
    clean = Enum.map(args, &strip/1)

    case Process.get(@key) do
      nil ->
        compute.(clean)

      %{ref: ref} = tape ->
        ids = Enum.map(args, &node_id(&1, ref))
        ans = strip(compute.(clean))

        if Enum.all?(ids, &is_nil/1),
          do: ans,
          else: record(tape, %{op: op, args: clean, ids: ids, info: info.(clean, ans), ans: ans})
    end
  end

  defp record(%{ref: ref, nodes: nodes, next: idx} = tape, node) do
    Process.put(@key, %{tape | nodes: Map.put(nodes, idx, node), next: idx + 1})
    %{node.ans | grad_node: {ref, idx}}
  end

  @doc false
  # stop_grad/1: the same values, no gradient.
  def stop(%T{} = t), do: strip(t)
  def stop(t) when is_tuple(t), do: t |> Tuple.to_list() |> Enum.map(&stop/1) |> List.to_tuple()
  def stop(%_{} = other), do: other
  def stop(m) when is_map(m), do: Map.new(m, fn {k, v} -> {k, stop(v)} end)
  def stop(other), do: other

  ## value_and_grad

  @doc false
  def value_and_grad(data, fun, transform) do
    if Process.get(@key) do
      raise ArgumentError,
            "grad/value_and_grad inside the function given to grad/value_and_grad " <>
              "(higher-order derivatives) is outside the hastec Nx subset"
    end

    ref = make_ref()
    Process.put(@key, %{ref: ref, nodes: %{}, next: 0})

    try do
      tracked = track(data)
      value = fun.(tracked)
      target = transform.(value)
      tape = Process.delete(@key)
      grads = backward(tape, target)
      {stop(value), fill(tracked, grads)}
    after
      Process.delete(@key)
    end
  end

  # Marks each tensor of the container as a tape parameter.
  defp track(%T{} = t) do
    %{ref: ref, nodes: nodes, next: idx} = tape = Process.get(@key)
    t = strip(t)
    Process.put(@key, %{tape | nodes: Map.put(nodes, idx, %{op: :parameter}), next: idx + 1})
    %{t | grad_node: {ref, idx}}
  end

  defp track(n) when is_number(n), do: track(Nx.to_tensor(n))
  defp track(t) when is_tuple(t), do: t |> Tuple.to_list() |> Enum.map(&track/1) |> List.to_tuple()

  defp track(%_{} = other), do: bad_container!(other)

  defp track(m) when is_map(m) do
    # Nx traverses maps in key order
    m |> Enum.sort() |> Enum.map(fn {k, v} -> {k, track(v)} end) |> Map.new()
  end

  defp track(other), do: bad_container!(other)

  defp bad_container!(other) do
    raise ArgumentError,
          "the first argument of grad/value_and_grad must be a tensor, a number, or a tuple " <>
            "or map of them (possibly nested), got: #{inspect(other)}"
  end

  # The gradient of each parameter: its contributions added up (or f32
  # zero), broadcast to the parameter's shape, as Nx's to_grad/4 does.
  defp fill(%T{grad_node: {_, idx}, shape: shape}, grads) do
    res =
      case Map.get(grads, idx, []) do
        [] -> Nx.tensor(0.0)
        gs -> Enum.reduce(gs, &Nx.add/2)
      end

    Nx.broadcast(res, shape)
  end

  defp fill(t, grads) when is_tuple(t), do: t |> Tuple.to_list() |> Enum.map(&fill(&1, grads)) |> List.to_tuple()
  defp fill(m, grads) when is_map(m), do: Map.new(m, fn {k, v} -> {k, fill(v, grads)} end)

  ## Backward pass

  defp backward(%{ref: ref, nodes: nodes, next: next}, target) do
    root =
      case target do
        %T{} = t -> {node_id(t, ref), t.shape}
        n when is_number(n) -> {nil, {}}
        other -> raise ArgumentError, "can only compute gradients of tensor expressions, got: #{inspect(other)}"
      end

    case root do
      {nil, _} ->
        %{}

      {idx, shape} ->
        seed = Nx.broadcast(Nx.tensor(1.0), shape)

        Enum.reduce((next - 1)..0//-1, {%{idx => [seed]}, %{}}, fn i, {grads, params} ->
          case Map.pop(grads, i) do
            {nil, grads} ->
              {grads, params}

            {gs, grads} ->
              case Map.fetch!(nodes, i) do
                %{op: :parameter} ->
                  {grads, Map.put(params, i, gs)}

                %{op: op, args: args, ids: ids, info: info, ans: ans} ->
                  g = Enum.reduce(gs, &Nx.add/2)

                  grads =
                    Enum.reduce(vjp(op, args, ids, info, ans, g), grads, fn {id, c}, acc ->
                      Map.update(acc, id, [c], &[c | &1])
                    end)

                  {grads, params}
              end
          end
        end)
        |> elem(1)
    end
  end

  defp pair(nil, _fun), do: []
  defp pair(id, fun), do: [{id, fun.()}]

  ## Vector-Jacobian rules (Nx.Defn.Grad of Nx 0.9: same formulas, same calls)

  defp vjp(:add, [x, y], [ix, iy], _, ans, g) do
    if ix != nil and ix == iy,
      do: [{ix, Nx.multiply(g, 2.0)}],
      else: pair(ix, fn -> unbroadcast(x, g, ans) end) ++ pair(iy, fn -> unbroadcast(y, g, ans) end)
  end

  defp vjp(:subtract, [x, y], [ix, iy], _, ans, g) do
    pair(ix, fn -> unbroadcast(x, g, ans) end) ++
      pair(iy, fn -> unbroadcast(y, Nx.negate(g), ans) end)
  end

  defp vjp(:multiply, [x, y], [ix, iy], _, ans, g) do
    if ix != nil and ix == iy do
      [{ix, Nx.multiply(g, Nx.multiply(2.0, x))}]
    else
      pair(ix, fn -> unbroadcast(x, Nx.multiply(g, y), ans) end) ++
        pair(iy, fn -> unbroadcast(y, Nx.multiply(g, x), ans) end)
    end
  end

  defp vjp(:divide, [x, y], [ix, iy], _, ans, g) do
    pair(ix, fn -> unbroadcast(x, Nx.divide(g, y), ans) end) ++
      pair(iy, fn -> unbroadcast(y, Nx.multiply(g, Nx.negate(Nx.divide(ans, y))), ans) end)
  end

  defp vjp(:remainder, [x, y], [ix, iy], _, ans, g) do
    pair(ix, fn -> unbroadcast(x, g, ans) end) ++
      pair(iy, fn -> unbroadcast(y, Nx.multiply(g, Nx.negate(floor_t(Nx.divide(x, y)))), ans) end)
  end

  defp vjp(:quotient, _, _, _, _, _) do
    raise ArgumentError, """
    cannot compute gradient for Nx.quotient/2.

    If a floating point computation is acceptable, consider \
    using an implementation of floor division. See the \
    documentation of `Nx.quotient` for more details.
    """
  end

  # x ** y: a number exponent is an Expr constant in Nx (no gradient for it)
  defp vjp(:pow, [x, y], [ix, _], _, ans, g) when is_number(y) do
    exponent = if y == 0.0, do: 1.0, else: y - 1.0
    pair(ix, fn -> unbroadcast(x, Nx.multiply(g, Nx.multiply(y, Nx.pow(x, exponent))), ans) end)
  end

  defp vjp(:pow, [x, y], [ix, iy], _, ans, g) do
    pair(ix, fn ->
      exponent = Nx.select(Nx.equal(y, 0.0), 1.0, Nx.subtract(y, 1.0))
      unbroadcast(x, Nx.multiply(g, Nx.multiply(y, Nx.pow(x, exponent))), ans)
    end) ++
      pair(iy, fn ->
        base = Nx.select(Nx.equal(x, 0.0), 1.0, x)
        unbroadcast(y, Nx.multiply(g, Nx.multiply(Nx.log(base), ans)), ans)
      end)
  end

  # Ties (x == y) give each side half of the gradient.
  defp vjp(op, [x, y], [ix, iy], _, ans, g) when op in [:max, :min] do
    pair(ix, fn ->
      lhs = Nx.divide(Nx.select(Nx.equal(x, ans), 1.0, 0.0), Nx.select(Nx.equal(y, ans), 2.0, 1.0))
      unbroadcast(x, Nx.multiply(g, lhs), ans)
    end) ++
      pair(iy, fn ->
        rhs = Nx.divide(Nx.select(Nx.equal(y, ans), 1.0, 0.0), Nx.select(Nx.equal(x, ans), 2.0, 1.0))
        unbroadcast(y, Nx.multiply(g, rhs), ans)
      end)
  end

  defp vjp(:select, [pred, on_true, on_false], [_, it, if_], _, ans, g) do
    zero = Nx.tensor(0.0)

    pair(it, fn -> unbroadcast(on_true, Nx.select(pred, g, zero), ans) end) ++
      pair(if_, fn -> unbroadcast(on_false, Nx.select(pred, zero, g), ans) end)
  end

  # Nx 0.9 multiplies g by a mask that already holds g: the operand's
  # gradient is g * g strictly inside (min, max) and 0 elsewhere (on the
  # bounds too). Reproduced as is (it equals the true gradient when g == 1).
  defp vjp(:clip, [operand, min, max], [io, imin, imax], _, _ans, g) do
    pair(io, fn ->
      mask = Nx.logical_and(Nx.greater(operand, min), Nx.less(operand, max))
      Nx.multiply(g, Nx.select(mask, g, 0.0))
    end) ++
      pair(imin, fn ->
        mask = Nx.logical_and(Nx.greater(min, operand), Nx.less(min, max))
        Nx.sum(Nx.multiply(g, Nx.select(mask, Nx.broadcast(g, operand), 0.0)))
      end) ++
      pair(imax, fn ->
        Nx.sum(Nx.multiply(g, Nx.select(Nx.less(max, operand), Nx.broadcast(g, operand), 0.0)))
      end)
  end

  defp vjp(:abs, [x], [ix], _, _, g), do: [{ix, Nx.select(Nx.greater_equal(x, 0.0), g, Nx.negate(g))}]
  defp vjp(:sqrt, [_], [ix], _, ans, g), do: [{ix, Nx.divide(Nx.multiply(g, 0.5), ans)}]
  defp vjp(:exp, [_], [ix], _, ans, g), do: [{ix, Nx.multiply(g, ans)}]
  defp vjp(:log, [x], [ix], _, _, g), do: [{ix, Nx.divide(g, x)}]
  defp vjp(:negate, [_], [ix], _, _, g), do: [{ix, Nx.negate(g)}]
  defp vjp(:tanh, [_], [ix], _, ans, g), do: [{ix, Nx.multiply(g, Nx.subtract(1.0, Nx.multiply(ans, ans)))}]

  defp vjp(:sigmoid, [x], [ix], _, ans, g) do
    gs = x |> Nx.negate() |> Nx.exp() |> Nx.multiply(ans) |> Nx.multiply(ans)
    [{ix, Nx.multiply(g, gs)}]
  end

  defp vjp(:as_type, [_], [ix], _, _, g), do: [{ix, g}]
  defp vjp(:reshape, [x], [ix], _, _, g), do: [{ix, Nx.reshape(g, Nx.shape(x))}]
  defp vjp(:transpose, [_], [ix], axes, _, g), do: [{ix, Nx.transpose(g, axes: argsort(axes))}]

  defp vjp(:broadcast, [x], [ix], {shape, axes}, _, g),
    do: [{ix, grad_broadcast(Nx.shape(x), shape, axes, g)}]

  # Nx pads g with zeros between strided elements and puts it into zeros
  # (f32) at the start indices: g's values land where the slice read.
  defp vjp(:slice, [x], [ix], {starts, strides}, _, g) do
    xshape = Nx.shape(x)
    type = Nx.Type.merge(g.type, {:f, 32})
    xst = strides_of(xshape)
    base = Enum.zip_with(starts, xst, &(&1 * &2)) |> Enum.sum()
    steps = Enum.zip_with(strides, xst, &(&1 * &2))
    positions = offsets(Tuple.to_list(g.shape), steps, base)
    zeros = :erlang.make_tuple(Tuple.product(xshape), Nx.Num.write(type, 0.0))

    data =
      positions
      |> Enum.zip(g.data)
      |> Enum.reduce(zeros, fn {pos, v}, acc -> put_elem(acc, pos, Nx.Num.write(type, v)) end)
      |> Tuple.to_list()

    [{ix, %T{data: data, type: type, shape: xshape, names: List.duplicate(nil, tuple_size(xshape))}}]
  end

  defp vjp(:concatenate, tensors, ids, axis, ans, g) do
    zero_axes = List.duplicate(0, tuple_size(ans.shape))
    ans_shape_list = Tuple.to_list(ans.shape)

    {pairs, _} =
      Enum.zip(tensors, ids)
      |> Enum.flat_map_reduce(0, fn {t, id}, limit ->
        t_len = elem(t.shape, axis)

        pairs =
          pair(id, fn ->
            start = List.replace_at(zero_axes, axis, limit)
            len = List.replace_at(ans_shape_list, axis, t_len)
            Nx.slice(g, start, len)
          end)

        {pairs, limit + t_len}
      end)

    pairs
  end

  # Nx takes with a gather; its gradient adds g's rows into zeros of the
  # operand's type (indexed_add: one rounded add per index, in order).
  defp vjp(:take, [t, idx], [it, _], axis, _, g) do
    idx = Nx.to_tensor(idx)
    shape = t.shape
    type = Nx.Type.merge(t.type, g.type)
    list = Tuple.to_list(shape)
    {lead, [_dim | trail]} = Enum.split(list, axis)
    st = strides_of(shape)
    ax_stride = Enum.at(st, axis)
    {lead_st, [_ | trail_st]} = Enum.split(st, axis)
    positions = for l <- offsets(lead, lead_st, 0), i <- idx.data, r <- offsets(trail, trail_st, 0), do: l + i * ax_stride + r
    zeros = :erlang.make_tuple(Tuple.product(shape), Nx.Num.write(type, 0))

    data =
      positions
      |> Enum.zip(g.data)
      |> Enum.reduce(zeros, fn {pos, v}, acc ->
        put_elem(acc, pos, Nx.Num.write(type, Nx.Num.add(elem(acc, pos), v)))
      end)
      |> Tuple.to_list()

    pair(it, fn -> %T{data: data, type: type, shape: shape, names: List.duplicate(nil, tuple_size(shape))} end)
  end

  defp vjp(:sum, [x], [ix], {axes, keep}, _, g), do: [{ix, reduce_g(x, axes, keep, g)}]

  defp vjp(:product, [x], [ix], {axes, _keep}, ans, g) do
    axes = axes || all_axes(x.shape)
    unsqueezed_shape = Enum.reduce(axes, x.shape, &put_elem(&2, &1, 1))
    g = Nx.reshape(g, unsqueezed_shape)
    ans = Nx.reshape(ans, unsqueezed_shape)
    zero? = Nx.equal(x, 0)
    x_without_zeros = Nx.select(zero?, 1, x)
    ans_removed_zero = Nx.product(x_without_zeros, axes: axes, keep_axes: true)
    zeros_in_product = Nx.sum(zero?, axes: axes, keep_axes: true)
    one_zero? = Nx.equal(zeros_in_product, 1)
    many_zeros? = Nx.greater(zeros_in_product, 1)
    dx = Nx.multiply(g, Nx.divide(ans, x_without_zeros))
    dx = Nx.select(Nx.logical_and(zero?, one_zero?), Nx.multiply(g, ans_removed_zero), dx)
    dx = Nx.select(Nx.logical_and(zero?, many_zeros?), 0, dx)
    [{ix, dx}]
  end

  # Ties: every position equal to the extreme gets g / (number of ties).
  defp vjp(op, [x], [ix], {axes, keep}, ans, g) when op in [:reduce_max, :reduce_min] do
    g = reduce_g(x, axes, keep, g)
    axes = axes || all_axes(x.shape)

    shape =
      for {d, i} <- Enum.with_index(Tuple.to_list(x.shape)) do
        if i in axes, do: 1, else: d
      end

    locs = Nx.equal(x, Nx.reshape(ans, List.to_tuple(shape)))
    num = Nx.multiply(g, locs)
    den = Nx.sum(locs, axes: axes, keep_axes: true)
    [{ix, Nx.divide(num, den)}]
  end

  defp vjp(:dot, [x, y], [ix, iy], {axes_x, axes_y}, ans, g) do
    g = Nx.broadcast(g, ans.shape)
    rank_x = tuple_size(Nx.shape(x))
    contract_gx = up_to(rank_x - length(axes_x), tuple_size(g.shape))
    contract_gy = up_to(0, rank_x - length(axes_x))
    contract_x = all_axes(Nx.shape(x)) -- axes_x
    contract_y = all_axes(Nx.shape(y)) -- axes_y
    transpose_x = Enum.map(argsort(axes_y), &Enum.fetch!(axes_x, &1))
    transpose_y = Enum.map(argsort(axes_x), &Enum.fetch!(axes_y, &1))

    pair(ix, fn ->
      g |> Nx.dot(contract_gx, y, contract_y) |> Nx.transpose(axes: argsort(contract_x ++ transpose_x))
    end) ++
      pair(iy, fn ->
        g |> Nx.dot(contract_gy, x, contract_x) |> Nx.transpose(axes: argsort(contract_y ++ transpose_y))
      end)
  end

  defp vjp(op, args, _, _, _, _) do
    raise ArgumentError, """
    gradient not yet implemented for Nx.#{op}/#{length(args)}.

    Please open up an issue so we can implement the missing gradient
    """
  end

  ## Helpers (Nx.Defn.Grad's)

  defp unbroadcast(x, res, %T{shape: shape}) do
    case Nx.shape(x) do
      ^shape -> res
      xshape -> grad_broadcast(xshape, shape, broadcast_axes(xshape, shape), res)
    end
  end

  defp grad_broadcast(xshape, shape, axes, g) do
    implicit =
      for {a, i} <- Enum.with_index(axes), elem(shape, a) != 1 and elem(xshape, i) == 1, do: {a, i}

    {implicit_axes, broadcast_axes} = Enum.unzip(implicit)
    explicit_axes = all_axes(shape) -- axes

    g =
      case explicit_axes ++ implicit_axes do
        [] -> g
        sum_axes -> Nx.sum(g, axes: sum_axes)
      end

    case broadcast_axes do
      [] -> g
      _ -> Nx.broadcast(g, xshape, axes: all_axes(xshape) -- broadcast_axes)
    end
  end

  defp reduce_g(x, axes, keep_axes, g) do
    if keep_axes or axes == nil,
      do: Nx.broadcast(g, x.shape),
      else: Nx.broadcast(g, x.shape, axes: all_axes(x.shape) -- axes)
  end

  defp broadcast_axes(shape, new_shape) do
    Enum.to_list((tuple_size(new_shape) - tuple_size(shape))..(tuple_size(new_shape) - 1)//1)
  end

  defp all_axes(shape), do: Enum.to_list(0..(tuple_size(shape) - 1)//1)
  defp up_to(i, n) when i < n, do: [i | up_to(i + 1, n)]
  defp up_to(_, _), do: []
  defp argsort(list), do: list |> Enum.with_index() |> Enum.sort() |> Enum.map(&elem(&1, 1))

  defp strides_of(shape) do
    shape
    |> Tuple.to_list()
    |> Enum.reverse()
    |> Enum.map_reduce(1, fn d, acc -> {acc, acc * d} end)
    |> elem(0)
    |> Enum.reverse()
  end

  defp offsets([], [], base), do: [base]

  defp offsets([d | ds], [s | ss], base),
    do: Enum.flat_map(0..(d - 1)//1, fn i -> offsets(ds, ss, base + i * s) end)

  # Nx.floor/1 (not in the subset itself; the remainder rule needs it)
  defp floor_t(%T{type: {:f, _} = type} = t) do
    %{t | data: Enum.map(t.data, fn
      x when is_number(x) -> Nx.Num.write(type, Float.floor(x * 1.0))
      x -> x
    end)}
  end

  defp floor_t(t), do: t
end

defmodule Nx.Defn do
  @moduledoc false
  # defn/defnp: a def whose arguments are converted to tensors and whose body
  # sees the operators of Nx.Defn.Kernel. Evaluated eagerly, as
  # Nx.Defn.Evaluator does on the binary backend.

  defmacro defn(call, do: body), do: define(:def, call, body)
  defmacro defnp(call, do: body), do: define(:defp, call, body)

  defp define(kind, {:when, _, _}, _body) do
    raise ArgumentError, "defn with guards is outside the hastec Nx subset (#{kind})"
  end

  defp define(kind, call, body) do
    {_name, args} = Macro.decompose_call(call)

    conversions =
      args
      |> Enum.map(fn
        {:\\, _, [var, _default]} -> var
        other -> other
      end)
      |> Enum.flat_map(fn
        {name, _, ctx} = var when is_atom(name) and is_atom(ctx) ->
          if String.starts_with?(Atom.to_string(name), "_"),
            do: [],
            else: [quote(do: unquote(var) = Nx.Defn.Kernel.__arg__(unquote(var)))]

        _pattern ->
          []
      end)

    excepts = Nx.Defn.Kernel.__kernel_excepts__()

    quote do
      Kernel.unquote(kind)(unquote(call)) do
        import Kernel, except: unquote(excepts), warn: false
        import Nx.Defn.Kernel, warn: false
        unquote_splicing(conversions)
        Nx.Defn.Kernel.__result__(unquote(body))
      end
    end
  end
end

defmodule Nx.Random do
  @moduledoc false
  # Nx.Random of Nx 0.9: threefry2x32 (20 rounds) counter-based PRNG with
  # the same bit manipulations and float chain as the defn code of Nx.
  import Bitwise
  @m32 0xFFFFFFFF

  def key(seed) when is_integer(seed) do
    if seed < -2_147_483_648 or seed > 2_147_483_647 do
      raise ArgumentError,
            "Nx.Random.key/1 seeds outside the s32 range are outside the hastec Nx subset, got: #{seed}"
    end

    Nx.tensor([seed >>> 32 &&& @m32, seed &&& @m32], type: :u32)
  end

  def key(%Nx.Tensor{shape: {}, data: [seed]}), do: key(seed)

  # Nx 0.9: split(key, parts: n) (default 2) gives a u32[n][2] tensor of keys.
  def split(key, opts \\ []) do
    opts = Nx.keyword!(opts, parts: 2)
    num = opts[:parts]

    unless is_integer(num) and num >= 1 do
      raise ArgumentError, "expected :parts to be a positive integer, got: #{inspect(num)}"
    end

    {k1, k2} = key!(key)
    {ys0, ys1} = threefry_list(k1, k2, Enum.to_list(0..(2 * num - 1)))
    Nx.tensor([ys0 ++ ys1 |> Enum.chunk_every(2)] |> hd(), type: :u32)
  end

  # threefry2x32 on a flat count list: pad to even, first half is x0,
  # second half is x1 (Nx reshapes the counts to {2, :auto}).
  defp threefry_list(k1, k2, counts) do
    n = length(counts)
    padded = if rem(n, 2) == 1, do: counts ++ [0], else: counts
    half = div(length(padded), 2)
    {x0, x1} = Enum.split(Enum.map(padded, &(&1 &&& @m32)), half)
    pairs = Enum.zip_with(x0, x1, fn a, b -> threefry(k1, k2, a, b) end)
    {y0, y1} = Enum.unzip(pairs)
    {y0, y1}
  end

  defp bits32(key, n) do
    {k1, k2} = key!(key)
    {y0, y1} = threefry_list(k1, k2, Enum.to_list(0..(n - 1)))
    Enum.take(y0 ++ y1, n)
  end

  defp bits64(key, n) do
    {k1, k2} = key!(key)
    {y0, y1} = threefry_list(k1, k2, Enum.to_list(0..(2 * n - 1)))
    {hi, lo} = Enum.split(y0 ++ y1, n)
    Enum.zip_with(hi, lo, fn h, l -> (h <<< 32) ||| l end)
  end

  defp threefry(key1, key2, x0, x1) do
    ks = {key2, bxor(bxor(key1, key2), 0x1BD11BDA), key1}
    xs = {x0 + key1 &&& @m32, x1 + key2 &&& @m32}
    rs = {[13, 15, 26, 6], [17, 29, 16, 24]}

    {{y0, y1}, _, _} =
      Enum.reduce(0..4, {xs, ks, rs}, fn i, {xs, {k1, k2, k3}, {r1, r2}} ->
        {a, b} =
          Enum.reduce(r1, xs, fn rot, {a, b} ->
            y1 = a + b &&& @m32
            y2 = bxor(((b <<< rot) ||| (b >>> (32 - rot))) &&& @m32, y1)
            {y1, y2}
          end)

        {{k1 + a &&& @m32, k2 + i + 1 + b &&& @m32}, {k2, k3, k1}, {r2, r1}}
      end)

    {y0, y1}
  end

  defp key!(%Nx.Tensor{shape: {2}, type: {:u, 32}, data: [a, b]}), do: {a, b}

  defp key!(%Nx.Tensor{shape: {2}, type: type}) do
    raise ArgumentError, "expected key with 32-bit unsigned integer type, got key with type #{inspect(type)}"
  end

  defp key!(%Nx.Tensor{shape: shape}) do
    raise ArgumentError, "expected key to have shape {2}, got tensor with shape #{inspect(shape)}"
  end

  # Nx 0.9: uniform/normal split the key and return {sample, new_key}: the
  # sample is drawn from keys[1], the new key is keys[0]; the *_split
  # variants draw from the key as given.
  def uniform(key, opts \\ []), do: uniform(key, 0.0, 1.0, opts)

  def uniform(key, min_value, max_value, opts \\ []) do
    keys = split(key)
    {uniform_split(keys[1], min_value, max_value, opts), keys[0]}
  end

  def uniform_split(key, opts \\ []), do: uniform_split(key, 0.0, 1.0, opts)

  def uniform_split(key, min_value, max_value, opts \\ []) do
    opts = Nx.keyword!(opts, [:names, shape: {}, type: {:f, 32}])
    if opts[:names], do: raise(ArgumentError, "named axes (:names) are outside the hastec Nx subset")
    type = Nx.Type.normalize!(opts[:type])
    shape = Nx.shape(opts[:shape])
    n = Nx.size(shape)
    min_value = Nx.Defn.Kernel.__arg__(min_value)
    max_value = Nx.Defn.Kernel.__arg__(max_value)

    floats =
      case type do
        {:f, 32} ->
          for b <- bits32(key, n) do
            <<f::float-32>> = <<(b >>> 9) ||| 0x3F800000::32>>
            f
          end

        {:f, 64} ->
          for b <- bits64(key, n) do
            <<f::float-64>> = <<(b >>> 12) ||| 0x3FF0000000000000::64>>
            f
          end

        other ->
          raise ArgumentError, "expected float type, got type #{inspect(other)}"
      end

    Nx.tensor(floats, type: type)
    |> Nx.reshape(shape)
    |> Nx.subtract(Nx.tensor(1.0, type: type))
    |> Nx.multiply(Nx.subtract(max_value, min_value))
    |> Nx.add(min_value)
    |> Nx.max(min_value)
    |> Nx.reshape(shape)
  end

  def normal(key, opts \\ []), do: normal(key, 0.0, 1.0, opts)

  def normal(key, mean, standard_deviation, opts \\ []) do
    keys = split(key)
    {normal_split(keys[1], mean, standard_deviation, opts), keys[0]}
  end

  def normal_split(key, opts \\ []), do: normal_split(key, 0.0, 1.0, opts)

  def normal_split(key, mean, standard_deviation, opts \\ []) do
    opts = Nx.keyword!(opts, [:names, shape: {}, type: {:f, 32}])
    type = Nx.Type.normalize!(opts[:type])

    unless type in [{:f, 32}, {:f, 64}] do
      raise ArgumentError, "expected float or complex type, got type #{inspect(type)}"
    end

    mean = Nx.Defn.Kernel.__arg__(mean)
    standard_deviation = Nx.Defn.Kernel.__arg__(standard_deviation)
    u = uniform_split(key, -1, 1, opts)
    normal = Nx.multiply(Nx.sqrt(2), erf_inv(u))
    result = Nx.add(Nx.multiply(standard_deviation, normal), mean)
    Nx.as_type(result, type)
  end

  defp erf_inv(%Nx.Tensor{} = t) do
    type = Nx.Type.to_floating(t.type)
    %{t | type: type, data: Enum.map(t.data, &Nx.Num.write(type, erf_inv_value(&1)))}
  end

  # Complex.erf_inv/1 for real arguments
  defp erf_inv_value(z) when z == 1, do: :infinity
  defp erf_inv_value(z) when z == -1, do: :neg_infinity
  defp erf_inv_value(z) when z == 0, do: 0

  defp erf_inv_value(z) do
    w = -:math.log((1 - z) * (1 + z))
    erf_inv_p(w) * z
  end

  defp erf_inv_p(w) when w < 5 do
    w = w - 2.5

    2.81022636e-08
    |> muladd(w, 3.43273939e-07)
    |> muladd(w, -3.5233877e-06)
    |> muladd(w, -4.39150654e-06)
    |> muladd(w, 0.00021858087)
    |> muladd(w, -0.00125372503)
    |> muladd(w, -0.00417768164)
    |> muladd(w, 0.246640727)
    |> muladd(w, 1.50140941)
  end

  defp erf_inv_p(w) do
    w = :math.sqrt(w) - 3

    -0.000200214257
    |> muladd(w, 0.000100950558)
    |> muladd(w, 0.00134934322)
    |> muladd(w, -0.00367342844)
    |> muladd(w, 0.00573950773)
    |> muladd(w, -0.0076224613)
    |> muladd(w, 0.00943887047)
    |> muladd(w, 1.00167406)
    |> muladd(w, 2.83297682)
  end

  defp muladd(acc, t, n), do: acc * t + n
end
