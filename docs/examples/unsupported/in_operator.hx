# CALL: In.small(2)
# EXPECT: true
# COMPILE-ERROR: `in` is not supported in hastec's Elixir subset yet
defmodule In do
  @spec small(integer()) :: boolean()
  def small(x), do: x in [1, 2, 3]
end
