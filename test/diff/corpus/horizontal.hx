# Horizontal fusion (ir/FuseHorizontal.cpp): sibling reductions over one
# source run as one loop. Results and raised errors must be Elixir's: ints
# and floats, negatives, empty lists (Enum.EmptyError), overflowing float
# sums and lambdas (ArithmeticError), filtered members, and siblings that
# are refused (one uses another's result; under a condition).
defmodule Horizontal do
  @spec stats([float()]) :: {float(), float(), integer()}
  def stats(xs), do: {Enum.sum(xs), Enum.max(xs), Enum.count(xs, &(&1 > 0.5))}

  @spec istats([integer()]) :: {integer(), integer(), integer(), integer()}
  def istats(xs), do: {Enum.sum(xs), Enum.min(xs), Enum.max(xs), Enum.product(Enum.map(xs, &rem(&1, 3)))}

  @spec meanvar([float()]) :: {float(), float()}
  def meanvar(xs) do
    n = length(xs)
    m = Enum.sum(xs) / n
    s2 = Enum.sum(Enum.map(xs, &(&1 * &1))) / n - m * m
    {m, s2}
  end

  @spec range_stats(integer()) :: {integer(), integer(), integer()}
  def range_stats(n) do
    a = 1..n |> Enum.map(&(&1 * 3 - 7)) |> Enum.sum()
    b = 1..n |> Enum.filter(&(rem(&1, 3) == 0)) |> Enum.count()
    c = 1..n |> Enum.map(&(&1 - 50)) |> Enum.min()
    {a, b, c}
  end

  @spec filtered_max([integer()]) :: {integer(), integer()}
  def filtered_max(xs), do: {Enum.sum(xs), xs |> Enum.filter(&(&1 > 100)) |> Enum.max()}

  @spec div_members([integer()], integer()) :: {integer(), integer()}
  def div_members(xs, d), do: {Enum.sum(Enum.map(xs, &div(&1, d))), Enum.sum(Enum.map(xs, &rem(&1, d)))}

  @spec dependent([integer()]) :: integer()
  def dependent(xs) do
    a = Enum.sum(xs)
    b = Enum.sum(Enum.map(xs, &(&1 - a)))
    a + b
  end

  @spec branches([integer()], boolean()) :: integer()
  def branches(xs, flag) do
    a = Enum.sum(xs)
    if flag, do: a + Enum.max(xs), else: a - Enum.min(xs)
  end

  @spec big(integer()) :: {float(), float(), float(), integer()}
  def big(n) do
    xs = Enum.map(1..n, &(&1 * 0.001 - 17.5))
    {Enum.sum(xs), Enum.max(xs), Enum.min(xs), Enum.count(xs, &(&1 < 0.0))}
  end
end
defmodule HorizontalMaps do
  # Materialised maps of one source: one loop writes every list.
  @spec two([integer()]) :: {[integer()], [float()]}
  def two(xs), do: {Enum.map(xs, &(&1 * 2)), Enum.map(xs, &(&1 / 4))}

  @spec divs([integer()], integer()) :: {[integer()], [integer()]}
  def divs(xs, d), do: {Enum.map(xs, &div(&1, d)), Enum.map(xs, &rem(&1, d))}

  @spec floats([float()]) :: {[float()], [float()], [boolean()]}
  def floats(xs) do
    a = Enum.map(xs, &(&1 * &1))
    b = Enum.map(xs, &(&1 * 1.0e300))
    c = Enum.map(xs, &(&1 > 0.0))
    {a, b, c}
  end

  @spec big(integer()) :: {integer(), integer()}
  def big(n) do
    a = Enum.map(1..n, &(&1 * 3))
    b = Enum.map(1..n, &rem(&1, 7))
    {Enum.sum(a) + length(b), Enum.sum(b)}
  end
end
# CALL: HorizontalMaps.two([1, -2, 30])
# CALL: HorizontalMaps.two([])
# CALL: HorizontalMaps.divs([7, -8, 9, 100], 3)
# CALL: HorizontalMaps.divs([7, -8, 9], 0)
# CALL: HorizontalMaps.floats([0.5, -2.0, 3.0])
# CALL: HorizontalMaps.floats([0.5, 1.0e10])
# CALL: HorizontalMaps.floats([])
# CALL: HorizontalMaps.big(100_000)

defmodule HorizontalOrder do
  # The siblings would move ahead of div/2 in the same statement: on an
  # empty list with d = 0 Elixir raises ArithmeticError (div first), not
  # Enum.EmptyError, so this must not fuse.
  @spec pre([integer()], integer()) :: {integer(), integer(), integer()}
  def pre(xs, d), do: {div(10, d), Enum.sum(xs), Enum.max(xs)}

  # The first sum uses k, bound inside its own statement: it stays; the
  # max and min fuse.
  @spec scoped([integer()]) :: {integer(), integer(), integer()}
  def scoped(xs) do
    a = (k = length(xs); Enum.sum(Enum.map(xs, &(&1 * k))))
    b = Enum.max(xs)
    c = Enum.min(xs)
    {a, b, c}
  end
end
# CALL: Horizontal.stats([0.25, 0.75, -1.5, 2.0])
# CALL: Horizontal.stats([-3.0])
# CALL: Horizontal.stats([])
# CALL: Horizontal.stats([1.0e308, 1.0e308])
# CALL: Horizontal.istats([4, -7, 12, 0, 5])
# CALL: Horizontal.istats([-1])
# CALL: Horizontal.istats([])
# CALL: Horizontal.meanvar([1.0, 2.0, 3.0, 4.0])
# CALL: Horizontal.meanvar([-2.5, 2.5])
# CALL: Horizontal.meanvar([])
# CALL: Horizontal.meanvar([1.0e200, 1.0])
# CALL: Horizontal.range_stats(100)
# CALL: Horizontal.range_stats(1)
# CALL: Horizontal.range_stats(0)
# CALL: Horizontal.range_stats(100_000)
# CALL: Horizontal.filtered_max([1, 200, 150, -4])
# CALL: Horizontal.filtered_max([1, 2, 3])
# CALL: Horizontal.filtered_max([])
# CALL: Horizontal.div_members([7, -8, 9, 100], 3)
# CALL: Horizontal.div_members([7, -8, 9], 0)
# CALL: Horizontal.div_members([], 0)
# CALL: Horizontal.dependent([1, 2, 3, 4])
# CALL: Horizontal.branches([3, 9, -2], true)
# CALL: Horizontal.branches([3, 9, -2], false)
# CALL: Horizontal.branches([], true)
# CALL: Horizontal.big(1_000_000)
# CALL: Horizontal.big(0)
# CALL: HorizontalOrder.pre([], 0)
# CALL: HorizontalOrder.pre([2, 5], 0)
# CALL: HorizontalOrder.pre([], 5)
# CALL: HorizontalOrder.pre([2, 5], 5)
# CALL: HorizontalOrder.scoped([3, 1, 2])
# CALL: HorizontalOrder.scoped([])
