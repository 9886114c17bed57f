# CALL: Specs.stats([1.5, 2.5, 4.0], 2)
# EXPECT: {8.0, 6, true}
# CALL: Specs.evens([1, 2, 3, 4, 5, 6])
# EXPECT: [2, 4, 6]
defmodule Specs do
  @spec stats([float()], integer()) :: {float(), integer(), boolean()}
  def stats(xs, k), do: {Enum.sum(xs), length(xs) * k, Enum.all?(xs, &(&1 > 1.0))}

  @spec evens(list(integer())) :: list(integer())
  def evens(xs), do: Enum.filter(xs, &(rem(&1, 2) == 0))
end
