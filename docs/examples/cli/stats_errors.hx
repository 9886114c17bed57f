# COMPILE-ERROR: undefined function lenght/1 (did you mean length?)
defmodule Stats do
  @spec mean([float()]) :: float()
  def mean(xs), do: Enum.sum(xs) / lenght(xs)

  @spec count_big([float()], float()) :: integer()
  def count_big(xs, t), do: Enum.count(xs, fn x -> if x > t, do: 1, else: 0 end)
end
