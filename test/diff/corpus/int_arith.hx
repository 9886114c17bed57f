# Integer arithmetic: + - * unary -, div/rem (truncating, like Elixir),
# abs/min/max, literals with underscores and hex.
defmodule IntArith do
  def add(a, b), do: a + b
  def sub(a, b), do: a - b
  def mul(a, b), do: a * b
  def neg(a), do: -a
  def negneg(a), do: - -a
  def mixed(a, b, c), do: a + b * c - (a - b) * -c
  def divs(a, b), do: [div(a, b), rem(a, b)]
  def absv(a), do: abs(a)
  def minmax(a, b), do: [min(a, b), max(a, b)]
  def literals(), do: [1_000, 0xFF, 0x10, 1_000_000 + 0xff, -0x1F]
  def big(), do: 0x7FFF_FFFF_FFFF_FFFF
  def big_minus(), do: -0x7FFF_FFFF_FFFF_FFFF - 1
  def precedence(a), do: a + 2 * 3 - 8 / 4 * 0 + div(a, 3) * rem(a, 3)
  def paren(a, b), do: (a + b) * (a - b)
end
# CALL: IntArith.add(2, 3)
# CALL: IntArith.add(-2, 3)
# CALL: IntArith.sub(2, 30)
# CALL: IntArith.mul(-4, 25)
# CALL: IntArith.mul(123456789, 1000)
# CALL: IntArith.neg(5)
# CALL: IntArith.neg(-5)
# CALL: IntArith.neg(0)
# CALL: IntArith.negneg(7)
# CALL: IntArith.mixed(3, 4, 5)
# CALL: IntArith.divs(7, 2)
# CALL: IntArith.divs(-7, 2)
# CALL: IntArith.divs(7, -2)
# CALL: IntArith.divs(-7, -2)
# CALL: IntArith.divs(0, 5)
# CALL: IntArith.divs(6, 3)
# CALL: IntArith.divs(-6, 3)
# CALL: IntArith.divs(1, 1000)
# CALL: IntArith.absv(-9)
# CALL: IntArith.absv(9)
# CALL: IntArith.absv(0)
# CALL: IntArith.minmax(3, -3)
# CALL: IntArith.minmax(4, 4)
# CALL: IntArith.literals()
# CALL: IntArith.big()
# CALL: IntArith.big_minus()
# CALL: IntArith.paren(7, 3)
# CALL: IntArith.precedence(10)
