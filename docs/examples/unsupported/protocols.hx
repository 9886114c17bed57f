# CALL: Protos.one()
# EXPECT: 1
# COMPILE-ERROR: `defprotocol` is not supported in hastec's Elixir subset
defmodule Protos do
  defprotocol Size do
    def size(x)
  end
  def one(), do: 1
end
