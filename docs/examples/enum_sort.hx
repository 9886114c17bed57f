# CALL: Sorts.run([3.5, -1.0, 2.25, 0.0])
# EXPECT: {[-1.0, 0.0, 2.25, 3.5], [3.5, 2.25, 0.0, -1.0], [false, true, true]}
defmodule Sorts do
  def run(xs), do: {Enum.sort(xs), Enum.sort(xs, :desc), Enum.sort([true, false, true])}
end
