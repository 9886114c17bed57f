# CALL: Lists.run([4, 5, 6])
# EXPECT: {3, [4, 5, 6], [3.0, 5.0], [3, 10]}
# CALL: Lists.pairs()
# EXPECT: [{1, true}, {2, false}]
# CALL: Lists.nested([[1, 2], [3], []])
# EXPECT: {[3, 3, 0], [2, 1, 0]}
defmodule Lists do
  def run(xs), do: {length(xs), xs, Enum.map([1.5, 2.5], &(&1 * 2)), [length(xs), 10]}

  def pairs(), do: [{1, true}, {2, false}]

  # lists of lists: each inner list is a list value of its own
  def nested(xss), do: {Enum.map(xss, &Enum.sum/1), Enum.map(xss, &length/1)}
end
