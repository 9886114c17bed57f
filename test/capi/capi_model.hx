# The model behind test/capi: entry points (public functions with a @spec)
# over every C ABI type: int64_t, double, bool and hx_array * lists of
# each, lists of tuples (columns), list results, and every runtime error
# kind the C side must see.
defmodule CapiModel do
  @p 1_000_003

  @spec add(integer(), integer()) :: integer()
  def add(a, b), do: a + b

  @spec scale(float(), float()) :: float()
  def scale(x, k), do: x * k

  @spec mix(integer(), float(), boolean()) :: float()
  def mix(n, x, neg), do: if(neg, do: -(n * x), else: n / x)

  @spec flip(boolean()) :: boolean()
  def flip(b), do: not b

  @spec positive(integer()) :: boolean()
  def positive(n), do: n > 0

  @spec sum_list([integer()]) :: integer()
  def sum_list(xs), do: Enum.sum(xs)

  @spec mean(list(float())) :: float()
  def mean(xs), do: Enum.reduce(xs, 0.0, fn x, acc -> acc + x end) / length(xs)

  @spec count_true([boolean()]) :: integer()
  def count_true(bs), do: Enum.count(bs, fn b -> b end)

  @spec squares(integer()) :: [integer()]
  def squares(n), do: Enum.map(1..n, fn i -> rem(i * i, @p) end)

  @spec evens([integer()]) :: [integer()]
  def evens(xs), do: Enum.filter(xs, fn x -> rem(x, 2) == 0 end)

  @spec fscale([float()], float()) :: [float()]
  def fscale(xs, k), do: Enum.map(xs, &(&1 * k))

  @spec flags([integer()]) :: [boolean()]
  def flags(xs), do: Enum.map(xs, fn x -> x > 2 end)

  @spec negate_all([boolean()]) :: [boolean()]
  def negate_all(bs), do: Enum.map(bs, fn b -> not b end)

  @spec echo([integer()]) :: [integer()]
  def echo(xs), do: xs

  @spec fact(integer()) :: integer()
  def fact(0), do: 1
  def fact(n) when n > 0, do: n * fact(n - 1)

  @spec safe_div(integer(), integer()) :: integer()
  def safe_div(a, b), do: div(a, b)

  @spec fdiv(float(), float()) :: float()
  def fdiv(a, b), do: a / b

  @spec inverses([integer()]) :: [integer()]
  def inverses(xs), do: Enum.map(xs, fn x -> div(1000, x) end)

  # Lists of tuples cross the ABI as columns (docs/c-abi.md).
  @spec halves(integer()) :: [{integer(), float()}]
  def halves(n), do: Enum.map(1..n, fn i -> {i, i / 2} end)

  @spec weigh([{integer(), float()}]) :: float()
  def weigh(ps), do: Enum.reduce(ps, 0.0, fn {k, v}, acc -> acc + k * v end)

  @spec keep_big([{integer(), float()}], integer()) :: [{integer(), float()}]
  def keep_big(ps, k), do: Enum.filter(ps, fn {i, _} -> i > k end)

  @spec biggest_even([integer()]) :: integer()
  def biggest_even(xs), do: xs |> Enum.filter(fn x -> rem(x, 2) == 0 end) |> Enum.max()
end
