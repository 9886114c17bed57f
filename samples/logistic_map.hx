# The Hastega benchmark (../shared/seed): the logistic map over integers,
# applied ten times to every element of 1..n, as ten Enum.map calls.
# hastec fuses the ten maps and the range into one loop; Elixir runs the
# same file unchanged.
defmodule LogisticMap do
  @mu 22
  @p 6_700_417

  @spec map_list(integer(), integer()) :: [integer()]
  def map_list(n, p) do
    1..n
    |> Enum.map(&step(&1, p))
    |> Enum.map(&step(&1, p))
    |> Enum.map(&step(&1, p))
    |> Enum.map(&step(&1, p))
    |> Enum.map(&step(&1, p))
    |> Enum.map(&step(&1, p))
    |> Enum.map(&step(&1, p))
    |> Enum.map(&step(&1, p))
    |> Enum.map(&step(&1, p))
    |> Enum.map(&step(&1, p))
  end

  @spec map_sum(integer(), integer()) :: integer()
  def map_sum(n, p) do
    1..n
    |> Enum.map(&step(&1, p))
    |> Enum.map(&step(&1, p))
    |> Enum.map(&step(&1, p))
    |> Enum.map(&step(&1, p))
    |> Enum.map(&step(&1, p))
    |> Enum.map(&step(&1, p))
    |> Enum.map(&step(&1, p))
    |> Enum.map(&step(&1, p))
    |> Enum.map(&step(&1, p))
    |> Enum.map(&step(&1, p))
    |> Enum.sum()
  end

  # The seed's constant modulus, known at compile time.
  @spec sum(integer()) :: integer()
  def sum(n) do
    1..n
    |> Enum.map(&step/1)
    |> Enum.map(&step/1)
    |> Enum.map(&step/1)
    |> Enum.map(&step/1)
    |> Enum.map(&step/1)
    |> Enum.map(&step/1)
    |> Enum.map(&step/1)
    |> Enum.map(&step/1)
    |> Enum.map(&step/1)
    |> Enum.map(&step/1)
    |> Enum.sum()
  end

  defp step(x), do: rem(@mu * x * (x + 1), @p)
  defp step(x, p), do: rem(@mu * x * (x + 1), p)
end
