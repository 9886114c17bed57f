# CALL: Overflow.grow(1.0e300)
# RAISES: ** (ArithmeticError) bad argument in arithmetic expression
# CALL: Overflow.log(0.0)
# RAISES: ** (ArithmeticError) bad argument in arithmetic expression
defmodule Overflow do
  def grow(x), do: x * x
  def log(x), do: :math.log(x)
end
