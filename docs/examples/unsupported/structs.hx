# CALL: Structs.one()
# EXPECT: 1
# COMPILE-ERROR: `defstruct` is not supported in hastec's Elixir subset
defmodule Structs do
  defstruct x: 0
  def one(), do: 1
end
