# CALL: Patterns.describe({0, 5})
# EXPECT: 0
# CALL: Patterns.describe({3, 3})
# EXPECT: 300
# CALL: Patterns.describe({2, 9})
# EXPECT: 11
# CALL: Patterns.pinned(4, [1, 4, 2, 4])
# EXPECT: [0, 1, 0, 1]
defmodule Patterns do
  # literals, _, variables, tuples; a variable used twice must match equal values
  def describe({0, _}), do: 0
  def describe({x, x}), do: x * 100
  def describe({x, y}), do: x + y

  # ^k matches the current value of k instead of binding a new variable
  def pinned(k, xs) do
    Enum.map(xs, fn x ->
      case x do
        ^k -> 1
        _ -> 0
      end
    end)
  end
end
