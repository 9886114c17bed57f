# CALL: Recv.wait(1)
# EXPECT: 1
# COMPILE-ERROR: `receive` is not supported in hastec's Elixir subset yet
defmodule Recv do
  @spec wait(integer()) :: integer()
  def wait(x) do
    receive do
      _ -> x
    after
      0 -> x
    end
  end
end
