# CALL: Nested.rows(2)
# EXPECT: [[1, 2], [2, 4]]
# COMPILE-ERROR: lists of lists are not supported yet in hastec's Elixir subset (this function returns [integer])
defmodule Nested do
  def rows(n), do: Enum.map(1..n, fn i -> [i, 2 * i] end)
end
