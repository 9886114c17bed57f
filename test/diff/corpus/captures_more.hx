# More function values: a lambda bound to a variable and passed on,
# arity-2 captures (&f/2, &M.f/2, &(&1 + &2)), captures of guarded
# multi-clause functions, of Kernel functions with extra arguments, and
# captures nesting other Enum calls.
defmodule CapturesMore do
  def var_fn(xs) do
    f = fn x -> x * 3 end
    Enum.map(xs, f)
  end
  def var_fn_closure(xs, k) do
    f = fn x -> x * k end
    g = fn x -> x > k end
    xs |> Enum.map(f) |> Enum.filter(g)
  end
  def cap_guarded(xs), do: Enum.map(xs, &cls/1)
  def cap_remote2(xs), do: Enum.reduce(xs, 0, &CapturesMore.Acc.step/2)
  def cap_local2(xs), do: Enum.reduce(xs, 1, &mulacc/2)
  def reduce_float_int(xs), do: Enum.reduce(xs, 0, fn x, acc -> acc + x * 0.5 end)
  def map_to_bool_count(n), do: Enum.count(Enum.map(1..n, fn x -> rem(x, 2) == 0 end), fn b -> b end)
  def cap_kernel(xs), do: Enum.map(xs, &abs/1) |> Enum.map(&div(&1, 2))
  def cap_min(xs, m), do: Enum.map(xs, &min(&1, m))
  def cap_two(xs), do: Enum.reduce(xs, 0, &(&1 + &2 * 2))
  def cap_swapped(xs), do: Enum.reduce(xs, 0, &(&2 - &1))
  def cap_nested(xs, k), do: Enum.map(xs, &Enum.sum(Enum.map(1..&1, fn j -> j * k end)))
  defp cls(x) when x > 0, do: 1
  defp cls(0), do: 0
  defp cls(_), do: -1
  defp mulacc(x, acc), do: acc * x
end

defmodule CapturesMore.Acc do
  def step(x, acc), do: acc * 10 + x
end
# CALL: CapturesMore.var_fn([1, 2])
# CALL: CapturesMore.var_fn_closure([1, 2, 3], 2)
# CALL: CapturesMore.cap_guarded([-5, 0, 5])
# CALL: CapturesMore.cap_remote2([1, 2, 3])
# CALL: CapturesMore.cap_local2([2, 3, 4])
# CALL: CapturesMore.reduce_float_int([1, 2, 3])
# CALL: CapturesMore.reduce_float_int([1.0])
# CALL: CapturesMore.map_to_bool_count(9)
# CALL: CapturesMore.cap_kernel([-5, 7])
# CALL: CapturesMore.cap_min([1, 5, 9], 4)
# CALL: CapturesMore.cap_two([1, 2, 3])
# CALL: CapturesMore.cap_swapped([1, 2, 3])
# CALL: CapturesMore.cap_nested([1, 2, 3], 10)
