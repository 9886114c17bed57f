# CALL: Spawn.run(1)
# EXPECT: 1
# COMPILE-ERROR: `spawn` is not supported in hastec's Elixir subset yet
defmodule Spawn do
  def run(x) do
    spawn(fn -> x end)
    x
  end
end
