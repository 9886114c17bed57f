# CALL: Pow.square(3)
# EXPECT: 9
# COMPILE-ERROR: the operator ** is not supported in hastec's Elixir subset
defmodule Pow do
  def square(x), do: x ** 2
end
