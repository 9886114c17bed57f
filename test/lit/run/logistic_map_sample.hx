# RUN: %hastec run %s -e 'LogisticMap.sum(1000)' | FileCheck %s --check-prefix=SUM
# RUN: %hastec run %s -e 'LogisticMap.map_sum(1000, 6_700_417)' | FileCheck %s --check-prefix=SUM
# RUN: %hastec run %s -e 'LogisticMap.map_list(5, 6_700_417)' | FileCheck %s --check-prefix=LIST
# RUN: %hastec run -O0 %s -e 'LogisticMap.sum(1000)' | FileCheck %s --check-prefix=SUM
# The seed benchmark (samples/logistic_map.hx, trimmed): the results are
# the ones Elixir 1.14 prints for the same calls.

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
  def map_sum(n, p), do: map_list(n, p) |> Enum.sum()

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

# SUM:  {{^}}3314793492{{$}}
# LIST: {{^}}[5756693, 3714507, 3456095, 6578590, 2830244]{{$}}
