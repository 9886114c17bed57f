# CALL: FloatErrors.inv(0.0)
# RAISES: ** (ArithmeticError) bad argument in arithmetic expression
# HASTEC-AT: float_div_zero.hx:5: FloatErrors.inv/1
defmodule FloatErrors do
  def inv(x), do: 1 / x
end
