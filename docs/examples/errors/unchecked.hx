# CALL: Unchecked.inv(0.0)
# RAISES-ELIXIR: ** (ArithmeticError) bad argument in arithmetic expression
# EXPECT-HASTEC: Infinity
# FLAGS: --unchecked
defmodule Unchecked do
  def inv(x), do: 1 / x
end
