# Float arithmetic: / is always a float; mixed int/float operands promote.
defmodule FloatArith do
  def fdiv(a, b), do: a / b
  def add(a, b), do: a + b
  def mul(a, b), do: a * b
  def sub(a, b), do: a - b
  def neg(x), do: -x
  def absv(x), do: abs(x)
  def minmax(a, b), do: [min(a, b), max(a, b)]
  def mixed(n), do: n * 0.5 + 1
  def average(a, b), do: (a + b) / 2
  def third(), do: 1 / 3
  def halves(n), do: n / 2
end
# CALL: FloatArith.fdiv(1, 2)
# CALL: FloatArith.fdiv(4, 2)
# CALL: FloatArith.fdiv(-7, 2)
# CALL: FloatArith.fdiv(1.0, 3.0)
# CALL: FloatArith.fdiv(10, 4.0)
# CALL: FloatArith.fdiv(0, 5)
# CALL: FloatArith.add(0.1, 0.2)
# CALL: FloatArith.add(1, 2.5)
# CALL: FloatArith.add(2.5, 1)
# CALL: FloatArith.mul(1.5, 4)
# CALL: FloatArith.mul(3, 0.1)
# CALL: FloatArith.sub(1.0, 0.9)
# CALL: FloatArith.sub(5, 5.0)
# CALL: FloatArith.neg(2.5)
# CALL: FloatArith.neg(-0.125)
# CALL: FloatArith.absv(-3.75)
# CALL: FloatArith.absv(3.75)
# CALL: FloatArith.minmax(1.5, -2.25)
# CALL: FloatArith.mixed(3)
# CALL: FloatArith.mixed(3.5)
# CALL: FloatArith.average(3, 4)
# CALL: FloatArith.average(1.0e10, 3.0)
# CALL: FloatArith.third()
# CALL: FloatArith.halves(7)
