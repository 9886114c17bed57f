# Expressions the compiler can evaluate at compile time must still behave
# as at run time: errors stay runtime errors, -0.0 stays -0.0.
# (Float overflow folding: bug_constfold_float_overflow.hx.)
defmodule Constants do
  def cdiv(), do: div(10, 0)
  def crem(), do: rem(10, 0)
  def cslash(), do: 10 / 0
  def cfslash(), do: 0.0 / 0.0
  def cmax(), do: Enum.max(Enum.filter(1..3, fn x -> x > 5 end))
  def cmin(), do: Enum.min(Enum.filter([1.5, 2.5], fn x -> x > 5 end))
  def nz(), do: -0.0
  def nz2(), do: 0.0 * -1
  def nzlist(), do: [-0.0, 0.0 * -1.0, -(0.0)]
  def czero(), do: [0.0 == -0.0, 0.0 === -0.0]
  def cfold(), do: 2 * 3 + div(7, 2) - rem(-7, 2) * abs(-3) + min(4, 9) - max(-1, -2)
  def cfoldf(), do: 1.5 * 2 + 10 / 4 - abs(-0.25)
  def cbool(), do: not (1 < 2 and 3 > 4) or false
  def cclause(), do: only_pos(-1)
  def csum(), do: Enum.sum(1..100) + Enum.product(1..10) + Enum.count(1..7)
  def cdivs(), do: [div(-7, 2), rem(-7, 2), div(7, -2), rem(7, -2), div(-7, -2), rem(-7, -2)]
  def cbig(), do: 9_007_199_254_740_993 / 1
  defp only_pos(x) when x > 0, do: x
end
# CALL: Constants.cdiv()
# CALL: Constants.crem()
# CALL: Constants.cslash()
# CALL: Constants.cfslash()
# CALL: Constants.cmax()
# CALL: Constants.cmin()
# CALL: Constants.nz()
# CALL: Constants.nz2()
# CALL: Constants.nzlist()
# CALL: Constants.czero()
# CALL: Constants.cfold()
# CALL: Constants.cfoldf()
# CALL: Constants.cbool()
# CALL: Constants.cclause()
# CALL: Constants.csum()
# CALL: Constants.cdivs()
# CALL: Constants.cbig()
