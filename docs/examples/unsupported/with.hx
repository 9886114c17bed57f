# CALL: With.add(1)
# EXPECT: 2
# COMPILE-ERROR: `with` is not supported in hastec's Elixir subset yet
defmodule With do
  @spec add(integer()) :: integer()
  def add(x) do
    with y <- x + 1 do
      y
    end
  end
end
