# CALL: Empty.biggest([1, 2, 3])
# RAISES: ** (Enum.EmptyError) empty error
# CALL: Empty.fold([-1, -2])
# RAISES: ** (Enum.EmptyError) empty error
# CALL: Empty.closest([1, 2], 5)
# RAISES: ** (Enum.EmptyError) empty error
defmodule Empty do
  def biggest(xs), do: xs |> Enum.filter(&(&1 > 10)) |> Enum.max()
  def fold(xs), do: xs |> Enum.filter(&(&1 > 0)) |> Enum.reduce(fn x, acc -> x + acc end)
  def closest(xs, t), do: xs |> Enum.filter(&(&1 > t)) |> Enum.min_by(&abs(&1 - t))
end
