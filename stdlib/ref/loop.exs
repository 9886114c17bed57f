# Reference implementation of the runtime side of hastec's fit loop
# (Hx.Loop.run, docs/training.md), in plain Elixir: the twin of
# runtime/loop.c (libhxrt), so that a training program runs under real
# Elixir exactly as compiled.
#
# Load it after the Nx shim: `elixir -r stdlib/ref/nx.exs -r stdlib/ref/loop.exs prog.hx`.
#
# What is the same as runtime/loop.c, byte for byte:
#   * permutation/3 (splitmix64 + Fisher-Yates on unsigned 64-bit integers);
#   * the checkpoint file format (a file written by one loads in the other)
#     and every load error message;
#   * the plain progress lines (numbers are rounded exactly as C's printf
#     "%.4f" rounds them: the exact binary value, ties to even);
#   * the SVG chart (same layout arithmetic in f64, same number formatting).
# What differs: report/11 has no progress bar (HX_PROGRESS=bar prints plain
# lines; phase 0 prints nothing), and a NaN's payload is not kept (:nan is
# written as the quiet NaN 0x7FC00000 / 0x7FF8000000000000).
#
# "Absent" metrics are :nan or nil; loss values may also be scalar tensors.

defmodule Hx.Loop.Runtime do
  import Bitwise

  @mask 0xFFFF_FFFF_FFFF_FFFF
  @golden 0x9E37_79B9_7F4A_7C15
  @magic "HXCKPT01"
  @fnv_offset 0xCBF2_9CE4_8422_2325
  @fnv_prime 0x0000_0100_0000_01B3

  ## Clock

  @doc "Monotonic seconds since the VM started, as a float (only differences mean anything)."
  def clock do
    System.convert_time_unit(:erlang.monotonic_time() - :erlang.system_info(:start_time), :native, :nanosecond) /
      1.0e9
  end

  ## Progress output

  @doc """
  Writes one progress event to stderr and returns 0 (plain lines only;
  HX_PROGRESS=0 or off silences it). Phases: 0 step (nothing), 1 end of an
  epoch, 2 early stop (step = best epoch, steps = patience, loss = best
  value, text = metric name), 3 checkpoint saved (text = path).
  """
  def report(phase, epoch, epochs, step, steps, loss, acc, val_loss, val_acc, seconds, text) do
    if phase not in 0..3 do
      raise ArgumentError, "unknown progress phase #{inspect(phase)} (expected 0 to 3)"
    end

    if System.get_env("HX_PROGRESS") not in ["0", "off"] do
      case format_report(phase, epoch, epochs, step, steps, loss, acc, val_loss, val_acc, seconds, text) do
        nil -> :ok
        line -> IO.write(:stderr, line)
      end
    end

    0
  end

  @doc "The plain-mode text of a progress event (nil when it prints nothing)."
  def format_report(phase, epoch, epochs, step, steps, loss, acc, val_loss, val_acc, seconds, text)

  def format_report(0, _epoch, _epochs, _step, _steps, _loss, _acc, _vl, _va, _seconds, _text), do: nil

  def format_report(1, epoch, epochs, _step, _steps, loss, acc, val_loss, val_acc, seconds, _text) do
    metrics =
      [{"loss", loss, true}, {"acc", acc, false}, {"val_loss", val_loss, false}, {"val_acc", val_acc, false}]
      |> Enum.filter(fn {_, v, always} -> always or not absent?(v) end)
      |> Enum.map(fn {name, v, _} -> " #{name} #{metric(v)}" end)

    "Epoch #{epoch}/#{epochs}:#{metrics} (#{fixed(to_float(seconds), 3)} s)\n"
  end

  def format_report(2, epoch, _epochs, step, steps, loss, _acc, _vl, _va, _seconds, text) do
    plural = if steps == 1, do: "", else: "s"

    "Early stopping after epoch #{epoch}: #{text || "loss"} did not improve for #{steps} epoch#{plural} " <>
      "(best #{metric(loss)} at epoch #{step})\n"
  end

  def format_report(3, epoch, _epochs, _step, _steps, _loss, _acc, _vl, _va, _seconds, text) do
    "Saved checkpoint #{text} (epoch #{epoch})\n"
  end

  defp absent?(v), do: to_float(v) == :nan

  # A metric as C's "%.4f" (nan, inf and -inf as glibc spells them).
  defp metric(v) do
    case to_float(v) do
      :nan -> "nan"
      :infinity -> "inf"
      :neg_infinity -> "-inf"
      f -> fixed(f, 4)
    end
  end

  # A number, nil/:nan (absent), an infinity atom or a scalar tensor, as a
  # float or one of the atoms :nan, :infinity, :neg_infinity.
  defp to_float(nil), do: :nan
  defp to_float(a) when a in [:nan, :infinity, :neg_infinity], do: a
  defp to_float(i) when is_integer(i), do: i * 1.0
  defp to_float(f) when is_float(f), do: f
  defp to_float(%{__struct__: Nx.Tensor, shape: {}, data: [v]}), do: to_float(v)
  defp to_float(other), do: raise(ArgumentError, "expected a number or :nan, got: #{inspect(other)}")

  @doc """
  `x` with `d` decimals exactly as C's printf("%.*f") prints it: the exact
  binary value rounded half to even, "-" kept for negative values that
  round to zero.
  """
  def fixed(x, d) when is_float(x) and is_integer(d) and d >= 0 do
    <<sign::1, e::11, f::52>> = <<x::float-64>>
    {m, exp} = if e == 0, do: {f, -1074}, else: {f + (1 <<< 52), e - 1075}
    scale = Integer.pow(10, d)
    {num, den} = if exp >= 0, do: {(m <<< exp) * scale, 1}, else: {m * scale, 1 <<< -exp}
    q = div(num, den)
    r = rem(num, den)

    q =
      cond do
        2 * r > den -> q + 1
        2 * r == den and rem(q, 2) == 1 -> q + 1
        true -> q
      end

    digits = q |> Integer.to_string() |> String.pad_leading(d + 1, "0")
    {int, frac} = String.split_at(digits, String.length(digits) - d)
    (if sign == 1, do: "-", else: "") <> int <> if(d > 0, do: "." <> frac, else: "")
  end

  ## Shuffling

  @doc """
  A permutation of 0..n-1, identical to hxrt_loop_permutation: splitmix64
  seeded with seed * 0x9E3779B97F4A7C15 + epoch (wrapping), Fisher-Yates
  from the last element down.
  """
  def permutation(n, seed, epoch) when is_integer(n) and is_integer(seed) and is_integer(epoch) do
    if n < 0, do: raise(ArgumentError, "cannot shuffle #{n} elements: the count must be >= 0")
    state = ((seed &&& @mask) * @golden + (epoch &&& @mask)) &&& @mask
    arr = :array.from_list(Enum.to_list(0..(n - 1)//1))

    {arr, _} =
      Enum.reduce((n - 1)..1//-1, {arr, state}, fn i, {arr, state} ->
        state = (state + @golden) &&& @mask
        j = rem(mix(state), i + 1)
        pi = :array.get(i, arr)
        pj = :array.get(j, arr)
        {:array.set(j, pi, :array.set(i, pj, arr)), state}
      end)

    :array.to_list(arr)
  end

  defp mix(z) do
    z = (bxor(z, z >>> 30) * 0xBF58_476D_1CE4_E5B9) &&& @mask
    z = (bxor(z, z >>> 27) * 0x94D0_49BB_1331_11EB) &&& @mask
    bxor(z, z >>> 31)
  end

  ## Checkpoints (docs/training.md, "Checkpoint format")

  @codes %{{:s, 64} => 1, {:f, 64} => 2, {:s, 32} => 4, {:f, 32} => 5}
  @types Map.new(@codes, fn {t, c} -> {c, t} end)

  @doc """
  Writes the tensors (with their names) to path in hastec's checkpoint
  format, atomically (path.tmp, then a rename). Returns 0.
  """
  def checkpoint_save(path, names, tensors) when is_list(names) and is_list(tensors) do
    path = to_string(path)

    if length(names) != length(tensors) do
      raise ArgumentError,
            "cannot write checkpoint #{inspect(path)}: #{length(names)} names for #{length(tensors)} tensors"
    end

    entries =
      names
      |> Enum.zip(tensors)
      |> Enum.with_index()
      |> Enum.map(fn {{name, t}, i} -> encode_tensor(path, i, to_string(name), t) end)

    body = IO.iodata_to_binary([@magic, <<length(entries)::32-little, 0::32-little>> | entries])
    bytes = [body, <<fnv1a(body)::64-little>>]
    tmp = path <> ".tmp"

    with :ok <- File.write(tmp, bytes),
         :ok <- File.rename(tmp, path) do
      0
    else
      {:error, reason} ->
        File.rm(tmp)
        raise ArgumentError, "could not write checkpoint #{inspect(path)}: #{strerror(reason)}"
    end
  end

  defp encode_tensor(path, i, name, t) do
    t = if is_number(t), do: Nx.tensor(t), else: t
    type = Nx.type(t)
    shape = Nx.shape(t)

    code =
      Map.get(@codes, type) ||
        raise ArgumentError,
              "cannot write checkpoint #{inspect(path)}: tensor #{i} (#{name}) has type " <>
                "#{Nx.Type.to_string(type)}; checkpoints hold s64, f64, s32 and f32"

    if tuple_size(shape) > 4 do
      raise ArgumentError,
            "cannot write checkpoint #{inspect(path)}: tensor #{i} (#{name}) has rank #{tuple_size(shape)} (at most 4)"
    end

    dims = for d <- Tuple.to_list(shape), into: <<>>, do: <<d::signed-64-little>>
    data = for v <- Nx.to_flat_list(t), into: <<>>, do: encode_elem(code, v)
    [<<byte_size(name)::32-little>>, name, <<code, tuple_size(shape), 0::16>>, dims, data]
  end

  defp encode_elem(1, v), do: <<v::signed-64-little>>
  defp encode_elem(4, v), do: <<v::signed-32-little>>
  defp encode_elem(2, v) when is_number(v), do: <<v::float-64-little>>
  defp encode_elem(5, v) when is_number(v), do: <<v::float-32-little>>
  defp encode_elem(2, :nan), do: <<0x7FF8000000000000::64-little>>
  defp encode_elem(2, :infinity), do: <<0x7FF0000000000000::64-little>>
  defp encode_elem(2, :neg_infinity), do: <<0xFFF0000000000000::64-little>>
  defp encode_elem(5, :nan), do: <<0x7FC00000::32-little>>
  defp encode_elem(5, :infinity), do: <<0x7F800000::32-little>>
  defp encode_elem(5, :neg_infinity), do: <<0xFF800000::32-little>>

  @doc """
  Reads tensor `index` (0-based) of the checkpoint at path, which must hold
  `count` tensors, the index-th named `name` with this type ({:f, 32} or
  :f32) and shape; returns an %Nx.Tensor{}. Raises ArgumentError with the
  messages of hxrt_checkpoint_load.
  """
  def checkpoint_load(path, index, count, name, type, shape) when is_integer(index) and is_integer(count) do
    path = to_string(path)
    name = to_string(name)
    type = Nx.Type.normalize!(type)
    shape = if is_integer(shape), do: {shape}, else: shape
    dims = Tuple.to_list(shape)

    bytes =
      case File.read(path) do
        {:ok, b} -> b
        {:error, reason} -> raise ArgumentError, "could not read checkpoint #{inspect(path)}: #{strerror(reason)}"
      end

    entries =
      case parse(bytes) do
        {:ok, entries} -> entries
        :foreign -> raise ArgumentError, "#{inspect(path)} is not a hastec checkpoint"
        :corrupt -> raise ArgumentError, "checkpoint #{inspect(path)} is truncated or corrupt"
      end

    held = length(entries)

    if held != count do
      raise ArgumentError,
            "checkpoint #{inspect(path)} holds #{held} tensor#{if held == 1, do: "", else: "s"}, expected #{count}"
    end

    if index < 0 or index >= count do
      raise ArgumentError, "checkpoint_load: cannot load tensor #{index} of #{count}"
    end

    {e_name, e_code, e_dims, data} = Enum.at(entries, index)

    if e_name != name or Map.get(@types, e_code) != type or e_dims != dims do
      raise ArgumentError,
            "checkpoint #{inspect(path)}: tensor #{index} is #{describe(e_name, Map.fetch!(@types, e_code), e_dims)}, " <>
              "expected #{describe(name, type, dims)}"
    end

    values = decode(e_code, data)
    %Nx.Tensor{data: values, type: type, shape: shape, names: List.duplicate(nil, length(dims))}
  end

  defp describe(name, type, dims), do: "#{name} #{Nx.Type.to_string(type)}" <> Enum.map_join(dims, &"[#{&1}]")

  # {:ok, [{name, code, dims, data}]}, :foreign or :corrupt, as loop.c's
  # parse_checkpoint decides.
  defp parse(bytes) when byte_size(bytes) < 8 do
    if binary_part(@magic, 0, byte_size(bytes)) == bytes, do: :corrupt, else: :foreign
  end

  defp parse(<<@magic, _::binary>> = bytes) when byte_size(bytes) < 24, do: :corrupt

  defp parse(<<@magic, _::binary>> = bytes) do
    body_size = byte_size(bytes) - 8
    <<body::binary-size(body_size), hash::64-little>> = bytes

    if fnv1a(body) != hash do
      :corrupt
    else
      <<_::binary-8, count::32-little, reserved::32-little, rest::binary>> = body
      if reserved != 0, do: :corrupt, else: parse_entries(rest, count, [])
    end
  end

  defp parse(_), do: :foreign

  defp parse_entries(<<>>, 0, acc), do: {:ok, Enum.reverse(acc)}
  defp parse_entries(_, 0, _acc), do: :corrupt

  defp parse_entries(<<len::32-little, name::binary-size(len), code, rank, 0::16, rest::binary>>, n, acc)
       when rank <= 4 and is_map_key(@types, code) do
    case rest do
      <<dims_bin::binary-size(rank * 8), rest::binary>> ->
        dims = for <<d::signed-64-little <- dims_bin>>, do: d

        if Enum.any?(dims, &(&1 < 0)) do
          :corrupt
        else
          size = Enum.reduce(dims, 1, &(&1 * &2)) * if(code in [1, 2], do: 8, else: 4)

          case rest do
            <<data::binary-size(size), rest::binary>> -> parse_entries(rest, n - 1, [{name, code, dims, data} | acc])
            _ -> :corrupt
          end
        end

      _ ->
        :corrupt
    end
  end

  defp parse_entries(_, _, _), do: :corrupt

  defp decode(1, data), do: for(<<v::signed-64-little <- data>>, do: v)
  defp decode(4, data), do: for(<<v::signed-32-little <- data>>, do: v)
  defp decode(2, data), do: for(<<v::binary-8 <- data>>, do: decode_f64(v))
  defp decode(5, data), do: for(<<v::binary-4 <- data>>, do: decode_f32(v))

  defp decode_f64(<<v::float-64-little>>), do: v
  defp decode_f64(<<0x7FF0000000000000::64-little>>), do: :infinity
  defp decode_f64(<<0xFFF0000000000000::64-little>>), do: :neg_infinity
  defp decode_f64(_), do: :nan

  defp decode_f32(<<v::float-32-little>>), do: v
  defp decode_f32(<<0x7F800000::32-little>>), do: :infinity
  defp decode_f32(<<0xFF800000::32-little>>), do: :neg_infinity
  defp decode_f32(_), do: :nan

  @doc "FNV-1a 64-bit hash of a binary."
  def fnv1a(bin) do
    for <<b <- bin>>, reduce: @fnv_offset do
      h -> (bxor(h, b) * @fnv_prime) &&& @mask
    end
  end

  # C's strerror text for the reasons File returns.
  @strerror %{
    enoent: "No such file or directory",
    eacces: "Permission denied",
    eperm: "Operation not permitted",
    eisdir: "Is a directory",
    enotdir: "Not a directory",
    enospc: "No space left on device",
    edquot: "Disk quota exceeded",
    erofs: "Read-only file system",
    eexist: "File exists",
    emfile: "Too many open files",
    enametoolong: "File name too long",
    eio: "Input/output error",
    exdev: "Invalid cross-device link",
    ebusy: "Device or resource busy"
  }
  defp strerror(reason) do
    case Map.fetch(@strerror, reason) do
      {:ok, text} -> text
      :error -> reason |> :file.format_error() |> to_string() |> String.capitalize()
    end
  end

  ## The chart (the layout and arithmetic of loop.c's hxrt_loop_chart)

  @w 960
  @h 420
  @panel_w 480
  @plot_l 64
  @plot_r 24
  @plot_t 64
  @plot_b 56
  @colors {"#1f77b4", "#ff7f0e"}
  @series_names {"train", "validation"}

  @doc """
  Writes an SVG chart of the training curves to path. history_rows is a
  list of [loss, acc, val_loss, val_acc] rows (lists or tuples), one per
  epoch; :nan or nil = absent. Returns 0.
  """
  def chart(path, history_rows) when is_list(history_rows) do
    path = to_string(path)

    rows =
      Enum.map(history_rows, fn row ->
        row = if is_tuple(row), do: Tuple.to_list(row), else: row
        if length(row) != 4, do: raise(ArgumentError, "chart: each history row holds 4 values, got: #{inspect(row)}")
        row |> Enum.map(&to_float/1) |> Enum.map(&if(is_float(&1), do: &1, else: nil)) |> List.to_tuple()
      end)

    epochs = length(rows)

    svg = [
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"#{@w}\" height=\"#{@h}\" viewBox=\"0 0 #{@w} #{@h}\" " <>
        "font-family=\"sans-serif\">\n",
      "<title>Training curves</title>\n<rect width=\"#{@w}\" height=\"#{@h}\" fill=\"white\"/>\n",
      "<text x=\"#{div(@w, 2)}\" y=\"26\" text-anchor=\"middle\" font-size=\"18\">Training curves (#{epochs} " <>
        "epoch#{if epochs == 1, do: "", else: "s"})</text>\n",
      panel(rows, epochs, 0, "Loss", 0, false),
      panel(rows, epochs, 1, "Accuracy", 1, true),
      "</svg>\n"
    ]

    tmp = path <> ".tmp"

    with :ok <- File.write(tmp, svg),
         :ok <- File.rename(tmp, path) do
      0
    else
      {:error, reason} ->
        File.rm(tmp)
        raise ArgumentError, "could not write chart #{inspect(path)}: #{strerror(reason)}"
    end
  end

  defp panel(rows, epochs, panel, title, column, accuracy?) do
    x0 = (panel * @panel_w + @plot_l) * 1.0
    pw = (@panel_w - @plot_l - @plot_r) * 1.0
    y0 = @plot_t * 1.0
    ph = (@h - @plot_t - @plot_b) * 1.0
    series = for k <- 0..1, do: Enum.map(rows, &elem(&1, column + 2 * k))
    present = Enum.map(series, fn s -> Enum.any?(s, &is_float/1) end)
    values = series |> List.flatten() |> Enum.filter(&is_float/1)
    any = values != []

    {lo, hi} =
      cond do
        accuracy? ->
          {if(any and Enum.min(values) < 0, do: Enum.min(values), else: 0.0),
           if(any and Enum.max(values) > 1, do: Enum.max(values), else: 1.0)}

        not any ->
          {0.0, 1.0}

        true ->
          {lo, hi} = {Enum.min(values), Enum.max(values)}

          cond do
            not finite_diff?(hi, lo) -> {0.0, 1.0}
            hi - lo <= abs(hi) * 1.0e-9 -> pad(lo, hi)
            true -> {lo, hi}
          end
      end

    ya = nice_axis(lo, hi, 5, false)
    {xlo, xhi} = if epochs > 1, do: {1.0, epochs * 1.0}, else: {0.5, 1.5}
    xa = nice_axis(xlo, xhi, 6, true)
    ymap = fn v -> y0 + ph - (v - ya.lo) / (ya.hi - ya.lo) * ph end
    xmap = fn e -> x0 + (e - xlo) / (xhi - xlo) * pw end

    head = [
      "<g>\n<text x=\"#{n(x0 + pw / 2)}\" y=\"#{n(y0 - 14)}\" text-anchor=\"middle\" font-size=\"15\" " <>
        "font-weight=\"bold\">#{title}</text>\n",
      "<rect x=\"#{n(x0)}\" y=\"#{n(y0)}\" width=\"#{n(pw)}\" height=\"#{n(ph)}\" fill=\"#fafafa\" stroke=\"#444\"/>\n"
    ]

    yticks =
      for t <- 0..(ya.ticks - 1)//1 do
        v = ya.lo + t * ya.step
        y = ymap.(v)

        [
          "<line x1=\"#{n(x0)}\" y1=\"#{n(y)}\" x2=\"#{n(x0 + pw)}\" y2=\"#{n(y)}\" stroke=\"#ddd\"/>\n",
          "<text x=\"#{n(x0 - 6)}\" y=\"#{n(y + 4)}\" text-anchor=\"end\" font-size=\"11\">" <>
            "#{num(v, ya.decimals)}</text>\n"
        ]
      end

    xticks =
      for v <- Enum.map(0..(xa.ticks - 1)//1, &(xa.lo + &1 * xa.step)),
          not (v < xlo - 1.0e-9 or v > xhi + 1.0e-9) do
        x = xmap.(v)

        [
          "<line x1=\"#{n(x)}\" y1=\"#{n(y0 + ph)}\" x2=\"#{n(x)}\" y2=\"#{n(y0 + ph + 4)}\" stroke=\"#444\"/>\n",
          "<text x=\"#{n(x)}\" y=\"#{n(y0 + ph + 17)}\" text-anchor=\"middle\" font-size=\"11\">" <>
            "#{num(v, 0)}</text>\n"
        ]
      end

    xlabel =
      "<text x=\"#{n(x0 + pw / 2)}\" y=\"#{n(y0 + ph + 36)}\" text-anchor=\"middle\" font-size=\"12\">epoch</text>\n"

    nodata =
      if any,
        do: [],
        else:
          "<text x=\"#{n(x0 + pw / 2)}\" y=\"#{n(y0 + ph / 2)}\" text-anchor=\"middle\" font-size=\"13\" " <>
            "fill=\"#888\">no data</text>\n"

    marks? = epochs <= 40

    lines =
      for {s, k} <- Enum.with_index(series), Enum.at(present, k) do
        color = elem(@colors, k)
        dash = if k == 1, do: " stroke-dasharray=\"6 4\"", else: ""

        s
        |> Enum.with_index(1)
        |> Enum.chunk_by(fn {v, _} -> is_float(v) end)
        |> Enum.filter(fn [{v, _} | _] -> is_float(v) end)
        |> Enum.map(fn run ->
          points = Enum.map(run, fn {v, e} -> {xmap.(e * 1.0), ymap.(v)} end)

          poly =
            if length(run) >= 2 do
              [
                "<polyline fill=\"none\" stroke=\"#{color}\" stroke-width=\"2\"#{dash} points=\"",
                Enum.map_join(points, " ", fn {x, y} -> "#{n(x)},#{n(y)}" end),
                "\"/>\n"
              ]
            else
              []
            end

          circles =
            if marks? or length(run) == 1 do
              for {x, y} <- points, do: "<circle cx=\"#{n(x)}\" cy=\"#{n(y)}\" r=\"2.5\" fill=\"#{color}\"/>\n"
            else
              []
            end

          [poly, circles]
        end)
      end

    # Top right for the loss (falling), bottom right for the accuracy (rising).
    shown = for k <- 0..1, Enum.at(present, k), do: k
    np = length(shown)
    lx = x0 + pw - 118
    ly0 = if accuracy?, do: y0 + ph - 12 - (np - 1) * 18, else: y0 + 16

    legend =
      if np == 0 do
        []
      else
        [
          "<rect x=\"#{n(lx - 8)}\" y=\"#{n(ly0 - 12)}\" width=\"118\" height=\"#{n(np * 18 + 6)}\" fill=\"white\" " <>
            "fill-opacity=\"0.85\" stroke=\"#ccc\"/>\n"
          | for {k, row} <- Enum.with_index(shown) do
              ly = ly0 + row * 18
              dash = if k == 1, do: " stroke-dasharray=\"6 4\"", else: ""

              [
                "<line x1=\"#{n(lx)}\" y1=\"#{n(ly)}\" x2=\"#{n(lx + 24)}\" y2=\"#{n(ly)}\" " <>
                  "stroke=\"#{elem(@colors, k)}\" stroke-width=\"2\"#{dash}/>\n",
                "<text x=\"#{n(lx + 30)}\" y=\"#{n(ly + 4)}\" font-size=\"12\">#{elem(@series_names, k)}</text>\n"
              ]
            end
        ]
      end

    [head, yticks, xticks, xlabel, nodata, lines, legend, "</g>\n"]
  end

  defp finite_diff?(hi, lo) do
    _ = hi - lo
    true
  rescue
    ArithmeticError -> false
  end

  defp pad(lo, hi) do
    p = if hi != 0, do: abs(hi) * 0.1, else: 1.0
    {lo - p, hi + p}
  end

  defp nice_axis(lo, hi, target, integer_steps?) do
    raw = (hi - lo) / target
    e = raw |> :math.log10() |> Float.floor() |> trunc()
    p = :math.pow(10.0, e)
    f = raw / p

    nf =
      cond do
        f < 1.5 -> 1.0
        f < 3 -> 2.0
        f < 7 -> 5.0
        true -> 10.0
      end

    {nf, e, p} = if nf == 10.0, do: {1.0, e + 1, :math.pow(10.0, e + 1)}, else: {nf, e, p}
    {step, decimals} = {nf * p, if(e < 0, do: -e, else: 0)}
    {step, decimals} = if integer_steps? and step < 1, do: {1.0, 0}, else: {step, decimals}
    alo = Float.floor(lo / step) * step
    ahi = Float.ceil(hi / step) * step
    %{lo: alo, hi: ahi, step: step, decimals: decimals, ticks: trunc(Float.floor((ahi - alo) / step + 0.5)) + 1}
  end

  # loop.c's fmt_num: %.*f, "-0.00" written as "0.00".
  defp num(v, d) do
    s = fixed(v * 1.0, d)
    if String.starts_with?(s, "-") and String.trim(s, "-") |> String.replace(["0", "."], "") == "",
      do: String.trim_leading(s, "-"),
      else: s
  end

  defp n(v), do: num(v, 2)
end
