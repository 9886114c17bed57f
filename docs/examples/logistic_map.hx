# CALL: LogisticMap.sum(1000)
# EXPECT: 3385553317
defmodule LogisticMap do
  @spec sum(integer()) :: integer()
  def sum(n) do
    1..n
    |> Enum.map(&step/1)
    |> Enum.map(&step/1)
    |> Enum.sum()
  end

  defp step(x), do: rem(22 * x * (x + 1), 6_700_417)
end
