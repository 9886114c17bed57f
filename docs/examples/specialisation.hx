# CALL: Poly.both(3, 2.5)
# EXPECT: {6, 5.0, [2, 4], [1.0]}
defmodule Poly do
  # no @spec: typed from each call site, compiled once per argument types
  def double(x), do: x * 2
  def halves(xs), do: Enum.map(xs, &(&1 / 2))

  def both(i, f), do: {double(i), double(f), Enum.map([1, 2], &double/1), halves([2])}
end
