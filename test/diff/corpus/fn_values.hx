# Functions as values: f.(x), functions passed to user functions (also
# recursive ones, which hastec specialises on the function), closures over
# values and over other functions, tuples holding functions.
defmodule FnValues do
  def twice(f, x), do: f.(f.(x))

  def compose(f, g), do: fn x -> g.(f.(x)) end |> apply_to(3)
  defp apply_to(h, x), do: h.(x)

  def both({f, g}, x), do: {f.(x), g.(x)}

  defp iterate(_f, x, 0), do: x
  defp iterate(f, x, n) when n > 0, do: iterate(f, f.(x), n - 1)

  defp sum_by(xs, f), do: xs |> Enum.map(f) |> Enum.sum()
  defp sum_by_nested(xs, f), do: Enum.map(xs, fn x -> f.(x) * 2 end) |> Enum.sum()

  def run(k) do
    add = fn x -> x + k end
    scale = &(&1 * 3)
    {twice(add, 1), twice(scale, 2), iterate(add, 0, 10), iterate(fn x -> x * 2 end, 1, 20)}
  end

  def pairs(k) do
    t = {fn x -> x + k end, fn x -> x * k end}
    {a, b} = both(t, 5)
    {f, _} = t
    {a, b, f.(100), both({&abs/1, &(-&1)}, -7)}
  end

  def closures(n) do
    offset = n * 2
    sq = fn x -> x * x + offset end
    add_sq = fn x -> sq.(x) + 1 end
    {sum_by(1..n, sq), sum_by_nested(1..n, add_sq), compose(sq, add_sq)}
  end

  def clauses(x) do
    sign = fn
      0 -> 0
      n when n > 0 -> 1
      _ -> -1
    end
    {sign.(x), sign.(-x), sign.(0), twice(fn y when y > 10 -> y - 10; y -> y + 100 end, x)}
  end

  def floats(x) do
    step = fn v -> v * 0.5 + 1.0 end
    iterate(step, x, 30)
  end

  def no_clause(x), do: twice(fn y when y > 0 -> y - 1 end, x)

  # Functions that return functions (inlined at each call), also nested
  # and capturing values bound in their bodies.
  def adder(k) do
    c = k * 2
    fn x -> x + c end
  end

  def pair(k), do: {adder(k), &(&1 * k)}

  def returned(x) do
    f = adder(3)
    {g, h} = pair(10)
    {f.(x), g.(x), h.(x), Enum.map([1, 2, 3], adder(x * 1000)), adder(1).(100), twice(adder(x), 0)}
  end
end

# CALL: FnValues.run(3)
# CALL: FnValues.run(-4)
# CALL: FnValues.pairs(6)
# CALL: FnValues.closures(10)
# CALL: FnValues.clauses(5)
# CALL: FnValues.clauses(-12)
# CALL: FnValues.floats(100.0)
# CALL: FnValues.no_clause(5)
# CALL: FnValues.no_clause(1)
# CALL: FnValues.returned(5)
# CALL: FnValues.returned(-7)
