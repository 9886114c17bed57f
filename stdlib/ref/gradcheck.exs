# Numerical check of the reference shim's gradients (stdlib/ref/nx.exs, Nx.Defn.Grad).
#
#   elixir -r stdlib/ref/nx.exs stdlib/ref/gradcheck.exs
#
# Every vector-Jacobian rule is compared with central finite differences in
# f64: for a loss L(params) = sum(f(params) * w), with fixed f64 weights w (so
# the incoming gradient is not 1), each element of each parameter gets
# (L(p + h) - L(p - h)) / 2h, h = 1e-6 * max(1, |p|), and must match the
# traced gradient within |grad - fd| <= 1e-6 * max(1, |fd|) (f64 round-off of
# the difference quotient is ~1e-9 here). Points are chosen away from kinks
# (ties of max/min, 0 for abs, the bounds of clip), whose gradients are fixed
# by Nx's tie rules and checked exactly in the second part, together with the
# zero gradients (iota, argmax, comparisons, stop_grad), gradient types, the
# transpose identity <L x, y> = <x, L^T y> of the linear ops and the
# g * g quirk of Nx 0.9's clip rule.
# Prints one line per check; exits with status 1 if any check fails.

defmodule GradCheck do
  import Kernel, except: [+: 2, -: 2, *: 2, /: 2]
  import Nx.Defn.Kernel, only: [+: 2, -: 2, *: 2, /: 2, grad: 2, value_and_grad: 2, stop_grad: 1]

  @h 1.0e-6
  @tol 1.0e-6

  def t(list), do: Nx.tensor(list, type: :f64)

  # Deterministic, varied f64 weights of a shape (values in [-1.6, 1.9]).
  def weights(shape) do
    n = Nx.size(shape)
    data = for i <- 0..(n - 1)//1, do: 0.3 + :math.sin(1.7 * i + 0.4) * 1.6
    Nx.tensor(data, type: :f64) |> Nx.reshape(shape)
  end

  def loss(f), do: fn p -> wsum(f.(p)) end

  def wsum(%Nx.Tensor{} = y), do: Nx.sum(Nx.multiply(y, weights(y.shape)))
  def wsum(y) when is_tuple(y), do: y |> Tuple.to_list() |> Enum.map(&wsum/1) |> Enum.reduce(&Nx.add/2)

  ## Containers

  def leaves(%Nx.Tensor{} = t), do: [t]
  def leaves(t) when is_tuple(t), do: t |> Tuple.to_list() |> Enum.flat_map(&leaves/1)
  def leaves(m) when is_map(m), do: m |> Enum.sort() |> Enum.flat_map(fn {_, v} -> leaves(v) end)

  def replace(%Nx.Tensor{}, [new | rest]), do: {new, rest}

  def replace(t, list) when is_tuple(t) do
    {items, rest} = t |> Tuple.to_list() |> Enum.map_reduce(list, &replace/2)
    {List.to_tuple(items), rest}
  end

  def replace(m, list) when is_map(m) do
    {items, rest} = m |> Enum.sort() |> Enum.map_reduce(list, fn {k, v}, acc ->
      {v, acc} = replace(v, acc)
      {{k, v}, acc}
    end)

    {Map.new(items), rest}
  end

  def rebuild(params, leaves) do
    {p, []} = replace(params, leaves)
    p
  end

  def number(t), do: Nx.to_number(t)

  ## Finite differences

  def check_fd(name, f, params, opts \\ []) do
    # unit_weights: L = sum(f(params)), the incoming gradient is 1
    l = if opts[:unit_weights], do: fn p -> Nx.sum(f.(p)) end, else: loss(f)
    grads = grad(params, l)
    ls = leaves(params)
    gs = leaves(grads)

    worst =
      ls
      |> Enum.with_index()
      |> Enum.flat_map(fn {leaf, li} ->
        g = Enum.at(gs, li)

        if g.shape != leaf.shape do
          raise "#{name}: gradient shape #{inspect(g.shape)} != parameter shape #{inspect(leaf.shape)}"
        end

        leaf.data
        |> Enum.with_index()
        |> Enum.map(fn {v, k} ->
          h = @h * Kernel.max(1.0, abs(v))
          plus = perturb(ls, li, k, v + h)
          minus = perturb(ls, li, k, v - h)
          fd = (number(l.(rebuild(params, plus))) - number(l.(rebuild(params, minus)))) / (2 * h)
          a = Enum.at(g.data, k)
          abs(a - fd) / Kernel.max(1.0, abs(fd))
        end)
      end)
      |> Enum.max()

    report(worst <= @tol, "fd  #{name}", "max scaled error #{:erlang.float_to_binary(worst, decimals: 12)}")
  end

  defp perturb(ls, li, k, value) do
    List.update_at(ls, li, fn leaf -> %{leaf | data: List.replace_at(leaf.data, k, value * 1.0)} end)
  end

  ## Exact checks

  def check_exact(name, got, expected) do
    ok = same?(got, expected)
    report(ok, "ex  #{name}", if(ok, do: "", else: "got #{inspect(got)}, expected #{inspect(expected)}"))
  end

  defp same?(%Nx.Tensor{} = a, %Nx.Tensor{} = b),
    do: a.type == b.type and a.shape == b.shape and a.data == b.data

  defp same?(a, b) when is_tuple(a) and is_tuple(b) and tuple_size(a) == tuple_size(b),
    do: Enum.all?(Enum.zip(Tuple.to_list(a), Tuple.to_list(b)), fn {x, y} -> same?(x, y) end)

  defp same?(a, b) when is_map(a) and is_map(b),
    do: Map.keys(a) == Map.keys(b) and Enum.all?(a, fn {k, v} -> same?(v, Map.fetch!(b, k)) end)

  defp same?(a, b), do: a == b

  # <L x, y> == <x, L^T y> where L^T y is the traced gradient of sum(L(x) * y).
  def check_transpose(name, linear, x) do
    lx = linear.(x)
    y = weights(Nx.shape(lx))
    lty = grad(x, fn x -> Nx.sum(Nx.multiply(linear.(x), y)) end)
    a = number(Nx.sum(Nx.multiply(lx, y)))
    b = number(Nx.sum(Nx.multiply(x, lty)))
    err = abs(a - b) / Kernel.max(1.0, abs(a))
    report(err <= 1.0e-12, "lin #{name}", "<Lx,y> = #{a}, <x,L'y> = #{b}")
  end

  def report(ok, name, detail) do
    IO.puts("#{if ok, do: "ok  ", else: "FAIL"} #{name} #{detail}")
    unless ok, do: Process.put(:gradcheck_failed, true)
  end
end

defmodule GradCheck.Cases do
  import GradCheck

  def run do
    import Kernel, except: [+: 2, -: 2, *: 2, /: 2]
    import Nx.Defn.Kernel, only: [+: 2, -: 2, *: 2, /: 2, grad: 2, value_and_grad: 2, stop_grad: 1]

    x23 = t([[0.3, -1.2, 0.7], [1.1, 0.4, -0.6]])
    y23 = t([[1.3, 0.5, -0.9], [0.2, -1.4, 0.8]])
    pos23 = t([[0.3, 1.2, 0.7], [1.1, 0.4, 2.6]])
    v3 = t([0.5, -0.25, 1.5])
    col2 = t([[0.9], [-1.7]])
    s = t(0.8)

    ## 1. Every rule against central finite differences (f64)

    check_fd("add broadcast {2,3}+{3}", fn {a, b} -> a + b end, {x23, v3})
    check_fd("add broadcast {2,1}+{3}", fn {a, b} -> a + b end, {col2, v3})
    check_fd("add scalar tensor + number", fn a -> a + 2.5 end, s)
    check_fd("add same variable", fn a -> a + a end, x23)
    check_fd("subtract broadcast", fn {a, b} -> a - b end, {x23, col2})
    check_fd("subtract number - x", fn a -> 3 - a end, x23)
    check_fd("multiply broadcast", fn {a, b} -> a * b end, {x23, v3})
    check_fd("multiply same variable", fn a -> a * a end, x23)
    check_fd("multiply scalar", fn {a, b} -> a * b end, {s, x23})
    check_fd("divide", fn {a, b} -> a / b end, {x23, pos23})
    check_fd("divide broadcast denominator", fn {a, b} -> a / b end, {x23, t([2.0, -0.5, 1.25])})
    check_fd("divide number / x", fn a -> 2 / a end, pos23)
    check_fd("pow tensor ** tensor", fn {a, b} -> Nx.pow(a, b) end, {pos23, y23})
    check_fd("pow x ** 3", fn a -> Nx.pow(a, 3) end, x23)
    check_fd("pow x ** 2.5", fn a -> Nx.pow(a, 2.5) end, pos23)
    check_fd("pow x ** 0", fn a -> Nx.pow(a, 0) * a end, x23)
    check_fd("pow 2 ** x", fn a -> Nx.pow(2, a) end, x23)
    check_fd("negate", fn a -> Nx.negate(a) end, x23)
    check_fd("exp", fn a -> Nx.exp(a) end, x23)
    check_fd("log", fn a -> Nx.log(a) end, pos23)
    check_fd("sqrt", fn a -> Nx.sqrt(a) end, pos23)
    check_fd("tanh", fn a -> Nx.tanh(a) end, x23)
    check_fd("sigmoid", fn a -> Nx.sigmoid(a) end, x23)
    check_fd("abs", fn a -> Nx.abs(a) end, x23)
    check_fd("max", fn {a, b} -> Nx.max(a, b) end, {x23, y23})
    check_fd("min broadcast", fn {a, b} -> Nx.min(a, b) end, {x23, v3})
    check_fd("max with number (relu)", fn a -> Nx.max(a, 0) end, x23)
    check_fd("select", fn {a, b} -> Nx.select(Nx.greater(a, 0), a * b, Nx.exp(b)) end, {x23, y23})
    check_fd("select broadcast branches", fn {a, b} -> Nx.select(Nx.tensor([[1, 0, 1], [0, 1, 1]], type: :u8), a, b) end, {s, v3})
    # Nx 0.9's clip rule is g * g inside the bounds: exact only for g == 1
    check_fd("clip (incoming gradient 1)", fn a -> Nx.clip(a, -1.0, 1.0) end, x23, unit_weights: true)
    # Nx 0.9's remainder rule uses floor(x / y): exact for positive quotients
    check_fd("remainder (positive quotients)", fn {a, b} -> Nx.remainder(a, b) end, {t([5.3, -2.2, 7.9]), t([2.0, -1.5, 3.0])})
    check_fd("as_type f64 -> f64", fn a -> Nx.as_type(a, :f64) * a end, x23)
    check_fd("broadcast {3} -> {2,3}", fn a -> Nx.broadcast(a, {2, 3}) end, v3)
    check_fd("broadcast {2,1} -> {2,2,3} axes [0,1]", fn a -> Nx.broadcast(a, {2, 2, 3}, axes: [0, 1]) end, col2)
    check_fd("broadcast {2} -> {2,3} axes [0]", fn a -> Nx.broadcast(a, {2, 3}, axes: [0]) end, t([0.7, -0.2]))
    check_fd("sum", fn a -> Nx.sum(Nx.exp(a)) end, x23)
    check_fd("sum axes [1]", fn a -> Nx.sum(Nx.exp(a), axes: [1]) end, x23)
    check_fd("sum axes [0] keep_axes", fn a -> Nx.sum(Nx.exp(a), axes: [0], keep_axes: true) end, x23)
    check_fd("sum axes [0, 2] of rank 3", fn a -> Nx.sum(a * a, axes: [0, 2]) end, Nx.reshape(Nx.concatenate([x23, y23]), {2, 2, 3}))
    check_fd("mean", fn a -> Nx.mean(a * a) end, x23)
    check_fd("mean axes [-1] keep_axes", fn a -> Nx.mean(a * a, axes: [-1], keep_axes: true) end, x23)
    check_fd("product", fn a -> Nx.product(a, axes: [1]) end, x23)
    check_fd("product with one zero", fn a -> Nx.product(a) end, t([1.5, 0.0, -2.0]))
    check_fd("reduce_max", fn a -> Nx.reduce_max(a) end, x23)
    check_fd("reduce_max axes [0]", fn a -> Nx.reduce_max(a, axes: [0]) end, x23)
    check_fd("reduce_min axes [1] keep_axes", fn a -> Nx.reduce_min(a, axes: [1], keep_axes: true) end, x23)
    check_fd("logsumexp", fn a -> Nx.logsumexp(a) end, x23)
    check_fd("logsumexp axes [1]", fn a -> Nx.logsumexp(a, axes: [1]) end, x23)
    check_fd("logsumexp axes [0] keep_axes", fn a -> Nx.logsumexp(a, axes: [0], keep_axes: true) end, x23)
    check_fd("variance axes [1]", fn a -> Nx.variance(a, axes: [1]) end, x23)
    check_fd("standard_deviation", fn a -> Nx.standard_deviation(a) end, x23)
    check_fd("dot scalar . vector", fn {a, b} -> Nx.dot(a, b) end, {s, v3})
    check_fd("dot vector . vector", fn {a, b} -> Nx.dot(a, b) end, {v3, t([1.0, -2.0, 0.5])})
    check_fd("dot matrix . vector", fn {a, b} -> Nx.dot(a, b) end, {x23, v3})
    check_fd("dot vector . matrix", fn {a, b} -> Nx.dot(a, b) end, {t([0.4, -1.1]), x23})
    check_fd("dot matrix . matrix", fn {a, b} -> Nx.dot(a, b) end, {x23, Nx.transpose(y23)})
    check_fd("dot rank 3 . matrix", fn {a, b} -> Nx.dot(a, b) end, {Nx.reshape(Nx.concatenate([x23, y23]), {2, 2, 3}), Nx.transpose(y23)})
    check_fd("dot matrix . rank 3", fn {a, b} -> Nx.dot(a, b) end, {t([[0.5, -1.0], [2.0, 0.25]]), Nx.reshape(Nx.concatenate([x23, y23]), {2, 2, 3})})
    check_fd("dot/4 contract [0] [0]", fn {a, b} -> Nx.dot(a, [0], b, [0]) end, {x23, y23})
    check_fd("dot/4 contract [1, 0] [0, 1]", fn {a, b} -> Nx.dot(a, [1, 0], b, [0, 1]) end, {x23, Nx.transpose(y23)})
    check_fd("dot/4 contract [2] [1] rank 3", fn {a, b} -> Nx.dot(a, [2], b, [1]) end, {Nx.reshape(Nx.concatenate([x23, y23]), {2, 2, 3}), y23})
    check_fd("dot/4 no contraction", fn {a, b} -> Nx.dot(a, [], b, []) end, {v3, t([0.5, 2.0])})
    check_fd("outer", fn {a, b} -> Nx.outer(a, b) end, {v3, t([0.5, 2.0])})
    check_fd("reshape", fn a -> Nx.reshape(a, {3, 2}) * t([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]) end, x23)
    check_fd("transpose", fn a -> Nx.transpose(a) end, x23)
    check_fd("transpose axes [1, 2, 0]", fn a -> Nx.transpose(a, axes: [1, 2, 0]) end, Nx.reshape(Nx.concatenate([x23, y23]), {2, 2, 3}))
    check_fd("slice", fn a -> Nx.slice(a, [0, 1], [2, 2]) end, x23)
    check_fd("slice strides", fn a -> Nx.slice(a, [1], [5], strides: [2]) end, t([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]))
    check_fd("slice clamped start", fn a -> Nx.slice(a, [5], [2]) end, v3)
    check_fd("slice_along_axis", fn a -> Nx.slice_along_axis(a, 1, 2, axis: 1) end, x23)
    check_fd("tensor[i]", fn a -> a[1] end, x23)
    check_fd("tensor[range]", fn a -> a[[.., 1..2]] end, x23)
    check_fd("concatenate axis 0", fn {a, b} -> Nx.concatenate([a, b, a]) end, {x23, y23})
    check_fd("concatenate axis 1", fn {a, b} -> Nx.concatenate([a, b], axis: 1) end, {x23, col2})
    check_fd("stack", fn {a, b} -> Nx.stack([a, b], axis: 1) end, {v3, t([1.0, 2.0, 3.0])})
    check_fd("take axis 0 (repeated)", fn a -> Nx.take(a, Nx.tensor([1, 0, 1, 1])) end, x23)
    check_fd("take axis 1, 2-d indices", fn a -> Nx.take(a, Nx.tensor([[2, 0], [2, 2]]), axis: 1) end, x23)
    check_fd("new_axis + squeeze", fn a -> Nx.squeeze(Nx.new_axis(a, 1) * t([[[2.0]], [[3.0]]])) end, col2)
    check_fd("chain: mlp layer", fn {w, b} -> Nx.tanh(Nx.dot(x23, w) + b) end, {t([[0.2, -0.4], [0.7, 0.1], [-0.3, 0.5]]), t([0.1, -0.2])})
    check_fd("map container", fn %{w: w, b: b} -> Nx.sigmoid(Nx.dot(x23, w) + b) end, %{w: t([0.3, -0.8, 0.5]), b: s})
    check_fd("nested container", fn {a, %{b: b, c: {c}}} -> a * b - c end, {v3, %{b: t(1.5), c: {t([0.2, 0.4, 0.6])}}})

    ## 2. Tie rules, zero gradients, types, linear identities (exact)

    f32 = fn list -> Nx.tensor(list, type: :f32) end

    check_exact("max tie: half to each side",
      grad({Nx.tensor([1.0, 2.0]), Nx.tensor([1.0, 3.0])}, fn {a, b} -> Nx.sum(Nx.max(a, b)) end),
      {f32.([0.5, 0.0]), f32.([0.5, 1.0])})

    check_exact("min tie with a number",
      grad(Nx.tensor([0.0, -1.0, 2.0]), fn a -> Nx.sum(Nx.min(a, 0)) end),
      f32.([0.5, 1.0, 0.0]))

    check_exact("relu at 0 (max(x, 0))",
      grad(Nx.tensor([-1.0, 0.0, 1.0]), fn a -> Nx.sum(Nx.max(a, 0) * 3) end),
      f32.([0.0, 1.5, 3.0]))

    check_exact("reduce_max ties split evenly",
      grad(Nx.tensor([[3.0, 1.0, 3.0], [2.0, 2.0, 2.0]]), fn a -> Nx.sum(Nx.reduce_max(a, axes: [1])) end),
      f32.([[0.5, 0.0, 0.5], [1 / 3, 1 / 3, 1 / 3]]))

    check_exact("reduce_min ties split evenly (all axes)",
      grad(Nx.tensor([1.0, 4.0, 1.0, 1.0]), fn a -> Nx.reduce_min(a) end),
      f32.([1 / 3, 0.0, 1 / 3, 1 / 3]))

    check_exact("abs at 0 takes +g",
      grad(Nx.tensor([-2.0, 0.0, 2.0]), fn a -> Nx.sum(Nx.abs(a) * 2) end),
      f32.([-2.0, 2.0, 2.0]))

    check_exact("clip: 0 on and beyond the bounds, g * g inside (Nx 0.9)",
      grad(Nx.tensor([-2.0, -1.0, 0.5, 1.0, 3.0]), fn a -> Nx.sum(Nx.clip(a, -1.0, 1.0) * 3) end),
      f32.([0.0, 0.0, 9.0, 0.0, 0.0]))

    check_exact("clip bound gradients",
      grad({Nx.tensor([-2.0, 0.5, 3.0]), Nx.tensor(-1.0), Nx.tensor(1.0)}, fn {a, lo, hi} -> Nx.sum(Nx.clip(a, lo, hi)) end),
      {f32.([0.0, 1.0, 0.0]), f32.(1.0), f32.(1.0)})

    check_exact("select: no gradient through the predicate",
      grad(Nx.tensor([1.0, -1.0]), fn a -> Nx.sum(Nx.select(Nx.greater(a, 0), a * 2, a * 5)) end),
      f32.([2.0, 5.0]))

    check_exact("zero gradient through iota, argmax, comparisons",
      grad(Nx.tensor([1.0, 3.0, 2.0]), fn a ->
        Nx.sum(Nx.multiply(Nx.iota({3}), Nx.argmax(a))) + Nx.sum(Nx.greater(a, 1.5)) + Nx.sum(Nx.equal(a, a))
      end),
      f32.([0.0, 0.0, 0.0]))

    check_exact("stop_grad",
      grad(Nx.tensor([1.0, 2.0]), fn a -> Nx.sum(stop_grad(a * a) * a) end),
      f32.([1.0, 4.0]))

    check_exact("parameter not used: f32 zeros",
      grad({Nx.tensor([1.0, 2.0], type: :f64), Nx.tensor(3.0)}, fn {_a, b} -> b * b end),
      {f32.([0.0, 0.0]), f32.(6.0)})

    check_exact("integer parameter: f32 gradient",
      grad(Nx.tensor([1, 2, 3]), fn a -> Nx.sum(a * a) end),
      f32.([2.0, 4.0, 6.0]))

    check_exact("f64 parameter through sum only: f32 gradient (seed type)",
      grad(Nx.tensor([1.0, 2.0], type: :f64), fn a -> Nx.sum(a) end),
      f32.([1.0, 1.0]))

    check_exact("f64 parameter, f64 path: f64 gradient",
      grad(Nx.tensor([1.0, 2.0], type: :f64), fn a -> Nx.sum(a * a) end),
      Nx.tensor([2.0, 4.0], type: :f64))

    check_exact("non-scalar result: gradient of its sum",
      grad(Nx.tensor([1.0, 2.0]), fn a -> a * a end),
      f32.([2.0, 4.0]))

    check_exact("value_and_grad value",
      value_and_grad(Nx.tensor([1.0, 2.0]), fn a -> Nx.sum(a * a) end),
      {f32.(5.0), f32.([2.0, 4.0])})

    check_exact("number parameter",
      grad(3.0, fn a -> a * a end),
      f32.(6.0))

    check_exact("as_type f32 -> f64 keeps g's type",
      grad(Nx.tensor([1.0, 2.0]), fn a -> Nx.sum(Nx.as_type(a, :f64)) end),
      f32.([1.0, 1.0]))

    check_exact("take: repeated indices accumulate",
      grad(Nx.tensor([1.0, 2.0, 3.0]), fn a -> Nx.sum(Nx.take(a, Nx.tensor([2, 2, 0, 2]))) end),
      f32.([1.0, 0.0, 3.0]))

    check_exact("pow: 0 ** y has no log(0) in the exponent's gradient",
      grad({Nx.tensor([0.0, 2.0]), Nx.tensor([2.0, 3.0])}, fn {a, b} -> Nx.sum(Nx.pow(a, b)) end),
      {f32.([0.0, 12.0]), f32.([0.0, 5.545177459716797])})

    check_exact("remainder: y gradient is -floor(x / y) * g (Nx 0.9, also for negative x / y)",
      grad(Nx.tensor([-7.0, 7.0]), fn b -> Nx.sum(Nx.remainder(Nx.tensor([5.0, 5.0]), b)) end),
      f32.([1.0, 0.0]))

    try do
      grad(Nx.tensor([4, 5]), fn a -> Nx.sum(Nx.quotient(a, 2)) end)
      report(false, "ex  quotient raises", "no error")
    rescue
      e in ArgumentError -> report(String.starts_with?(e.message, "cannot compute gradient for Nx.quotient/2."), "ex  quotient raises", "")
    end

    check_transpose("reshape", fn a -> Nx.reshape(a, {3, 2}) end, x23)
    check_transpose("transpose", fn a -> Nx.transpose(a, axes: [1, 0]) end, x23)
    check_transpose("slice strides", fn a -> Nx.slice(a, [0, 0], [2, 3], strides: [1, 2]) end, x23)
    check_transpose("concatenate", fn a -> Nx.concatenate([a, Nx.negate(a)], axis: 1) end, x23)
    check_transpose("take", fn a -> Nx.take(a, Nx.tensor([2, 0, 2]), axis: 1) end, x23)
    check_transpose("broadcast", fn a -> Nx.broadcast(a, {4, 3}) end, v3)
    check_transpose("sum axes [0]", fn a -> Nx.sum(a, axes: [0]) end, x23)
    check_transpose("dot (left)", fn a -> Nx.dot(a, Nx.transpose(y23)) end, x23)
    check_transpose("dot (right)", fn b -> Nx.dot(x23, b) end, Nx.transpose(y23))
    check_transpose("dot/4 [0] [0] (right)", fn b -> Nx.dot(x23, [0], b, [0]) end, y23)
  end
end

GradCheck.Cases.run()

if Process.get(:gradcheck_failed) do
  IO.puts("gradcheck: FAILED")
  System.halt(1)
else
  IO.puts("gradcheck: all checks passed")
end
