# CALL: Maps.get(1)
# EXPECT: 10
# COMPILE-ERROR: hastec's maps have atom keys only (%{k: v} or %{:k => v})
defmodule Maps do
  @spec get(integer()) :: integer()
  def get(k) do
    m = %{1 => 10}
    m[k]
  end
end
