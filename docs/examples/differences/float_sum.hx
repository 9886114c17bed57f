# CALL: FSum.harmonic(1_000_000)
# EXPECT-ELIXIR: 14.392726722864989
# EXPECT-HASTEC: 14.392726722865714
defmodule FSum do
  def harmonic(n), do: 1..n |> Enum.map(fn i -> 1.0 / i end) |> Enum.sum()
end
