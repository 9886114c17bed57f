# CALL: Raise.check(1)
# EXPECT: 1
# COMPILE-ERROR: `raise` is not supported in hastec's Elixir subset yet
defmodule Raise do
  def check(x) do
    if x < 0, do: raise(ArgumentError), else: x
  end
end
