# CALL: Ranges.run(5)
# EXPECT: {[1, 2, 3, 4, 5], [5, 4, 3, 2, 1], 15, 3}
# CALL: Ranges.run(0)
# EXPECT: {[1, 0], [0, 1], 1, 4}
defmodule Ranges do
  # a..b counts down when a > b, as in Elixir
  def run(n), do: {Enum.to_list(1..n), Enum.to_list(n..1), Enum.sum(1..n), Enum.count(3..n)}
end
