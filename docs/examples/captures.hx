# CALL: Caps.run([1, 2, 3, 4])
# EXPECT: {[2, 4, 6, 8], [2, 4, 6, 8], [2, 5, 10, 17], [1, 2, 0, 1], [1, 4, 9, 16]}
defmodule Caps do
  def double(x), do: 2 * x

  def run(xs) do
    {Enum.map(xs, &double/1),
     Enum.map(xs, &Caps.double/1),
     Enum.map(xs, &(&1 * &1 + 1)),
     Enum.map(xs, &rem(&1, 3)),
     Enum.zip_with(xs, xs, &(&1 * &2))}
  end
end
