# CALL: Truthy.pick(5)
# EXPECT: 1
# COMPILE-ERROR: if needs a boolean, got integer (hastec has no truthiness for other types)
defmodule Truthy do
  @spec pick(integer()) :: integer()
  def pick(x), do: if(x, do: 1, else: 0)
end
