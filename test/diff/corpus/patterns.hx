# Literal patterns are strict (0 does not match 0.0), == is numeric,
# === is strict; negative zero; nested if/unless; operator precedence.
defmodule Patterns do
  def z(0), do: 1
  def z(_), do: 2
  def zf(0.0), do: 1
  def zf(_), do: 2
  def half(0.5), do: 1
  def half(_), do: 2
  def guard_eq(x) when x == 1, do: 1
  def guard_eq(_), do: 2
  def guard_strict(x) when x === 1, do: 1
  def guard_strict(_), do: 2
  def negzero(x), do: -x
  def subneg(a, b), do: [a - -b, -a * -b, a - b - 1, a - b + 1]
  def fdivs(a, b), do: [a / b / 2, a / (b / 2)]
  def bigfloat(x), do: x / 1
  def mixed_cmp_list(x), do: Enum.filter([1, 2, 3], fn y -> y < x end)
  def minmax_fl(a, b), do: [min(a, b), max(a, b)]
  def nested_if(a, b) do
    if a do
      if b, do: 1, else: 2
    else
      unless b, do: 3, else: 4
    end
  end
  def prec(a, b, c), do: [a + b * c, (a + b) * c, a - b - c, a * b - c * a, rem(a, b) * c, -a + b]
  def count_down(n), do: Enum.to_list(n..(n - 5))
  def empty_pipe(n), do: Enum.filter(1..n, fn _ -> false end) |> Enum.map(fn x -> x / 2 end)
end
# CALL: Patterns.z(0)
# CALL: Patterns.z(0.0)
# CALL: Patterns.zf(0)
# CALL: Patterns.zf(0.0)
# CALL: Patterns.zf(-0.0)
# CALL: Patterns.half(0.5)
# CALL: Patterns.half(1)
# CALL: Patterns.guard_eq(1.0)
# CALL: Patterns.guard_eq(1)
# CALL: Patterns.guard_strict(1.0)
# CALL: Patterns.guard_strict(1)
# CALL: Patterns.negzero(0.0)
# CALL: Patterns.negzero(0)
# CALL: Patterns.negzero(-0.0)
# CALL: Patterns.subneg(7, 2)
# CALL: Patterns.subneg(7.5, 2.5)
# CALL: Patterns.fdivs(7, 2)
# CALL: Patterns.bigfloat(9007199254740993)
# CALL: Patterns.mixed_cmp_list(2.5)
# CALL: Patterns.minmax_fl(-0.0, 0.0)
# CALL: Patterns.minmax_fl(0.0, -0.0)
# CALL: Patterns.nested_if(true, false)
# CALL: Patterns.nested_if(false, false)
# CALL: Patterns.nested_if(false, true)
# CALL: Patterns.prec(7, 3, 2)
# CALL: Patterns.prec(-7, 3, -2)
# CALL: Patterns.count_down(2)
# CALL: Patterns.empty_pipe(3)
