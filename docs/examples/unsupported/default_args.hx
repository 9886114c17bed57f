# CALL: Defaults.inc(1)
# EXPECT: 2
# COMPILE-ERROR: default arguments (\\) are not supported in hastec's Elixir subset
defmodule Defaults do
  def inc(x, by \\ 1), do: x + by
end
