# CALL: Overflow.grow(1.0e300)
# RAISES: ** (ArithmeticError) bad argument in arithmetic expression
# CALL: Overflow.log(0.0)
# RAISES: ** (ArithmeticError) bad argument in arithmetic expression
# CALL: Overflow.root(-1.0)
# RAISES: ** (ArithmeticError) bad argument in arithmetic expression
defmodule Overflow do
  # Elixir floats never become infinite or NaN: such a result raises
  def grow(x), do: x * x
  def log(x), do: :math.log(x)
  def root(x), do: :math.sqrt(x)
end
