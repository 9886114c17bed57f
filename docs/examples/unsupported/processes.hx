# CALL: Procs.me(1)
# EXPECT: 1
# COMPILE-ERROR: `send` is not supported in hastec's Elixir subset yet
defmodule Procs do
  @spec me(integer()) :: integer()
  def me(x) do
    send(self(), x)
    x
  end
end
