# CALL: Lists.run([4, 5, 6])
# EXPECT: {3, [4, 5, 6], [3.0, 5.0], [3, 10]}
# CALL: Lists.pairs()
# EXPECT: [{1, true}, {2, false}]
defmodule Lists do
  def run(xs), do: {length(xs), xs, Enum.map([1.5, 2.5], &(&1 * 2)), [length(xs), 10]}

  # lists of tuples are fine
  def pairs(), do: [{1, true}, {2, false}]
end
