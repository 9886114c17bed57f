# CALL: Macros.one()
# EXPECT: 1
# COMPILE-ERROR: `defmacro` is not supported in hastec's Elixir subset
defmodule Macros do
  defmacro one_m(), do: 1
  def one(), do: 1
end
