# CALL: For.squares(3)
# EXPECT: [1, 4, 9]
# COMPILE-ERROR: `for` is not supported in hastec's Elixir subset yet
defmodule For do
  @spec squares(integer()) :: [integer()]
  def squares(n), do: for(x <- 1..n, do: x * x)
end
