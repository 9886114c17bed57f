# CALL: Acc.halves([1, 2])
# EXPECT: 1.5
# CALL: Acc.halves([])
# EXPECT-ELIXIR: 0
# EXPECT-HASTEC: 0.0
defmodule Acc do
  # the accumulator starts as the integer 0 and becomes a float
  @spec halves([integer()]) :: float()
  def halves(xs), do: Enum.reduce(xs, 0, fn x, acc -> acc + x / 2 end)
end
