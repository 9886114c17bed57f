# CALL: RangeResult.upto(3)
# EXPECT: 1..3
# COMPILE-ERROR: RangeResult.upto/1 returns a range, which Elixir prints as a range (1..3); hastec returns lists: write Enum.to_list(a..b)
defmodule RangeResult do
  def upto(n), do: 1..n
end
