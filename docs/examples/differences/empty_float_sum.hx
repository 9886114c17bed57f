# CALL: EmptySum.total([])
# EXPECT-ELIXIR: 0
# EXPECT-HASTEC: 0.0
defmodule EmptySum do
  @spec total([float()]) :: float()
  def total(xs), do: Enum.sum(xs)
end
