# CALL: EmptySum.totals([1.0, 2.0])
# EXPECT-ELIXIR: {0, 1}
# EXPECT-HASTEC: {0.0, 1.0}
defmodule EmptySum do
  @spec totals([float()]) :: {float(), float()}
  def totals(xs) do
    big = Enum.filter(xs, &(&1 > 10.0))
    {Enum.sum(big), Enum.product(big)}
  end
end
