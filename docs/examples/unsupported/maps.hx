# CALL: Maps.get(1)
# EXPECT: 10
# COMPILE-ERROR: maps are not supported in hastec's Elixir subset
defmodule Maps do
  @spec get(integer()) :: integer()
  def get(k) do
    m = %{1 => 10}
    m[k]
  end
end
