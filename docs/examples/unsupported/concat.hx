# CALL: Concat.both([1], [2])
# EXPECT: [1, 2]
# COMPILE-ERROR: list ++ is not supported in hastec's Elixir subset yet
defmodule Concat do
  @spec both([integer()], [integer()]) :: [integer()]
  def both(a, b), do: a ++ b
end
