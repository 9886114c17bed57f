# CALL: Binaries.size(3)
# EXPECT: 1
# COMPILE-ERROR: unexpected token '<'
defmodule Binaries do
  @spec size(integer()) :: integer()
  def size(n), do: byte_size(<<n>>)
end
