# CALL: FloatErrors.inv(0.0)
# RAISES: ** (ArithmeticError) bad argument in arithmetic expression
# HASTEC-AT: float_div_zero.hx:7: FloatErrors.inv/1
# CALL: FloatErrors.inv(0)
# RAISES: ** (ArithmeticError) bad argument in arithmetic expression
defmodule FloatErrors do
  def inv(x), do: 1 / x
end
