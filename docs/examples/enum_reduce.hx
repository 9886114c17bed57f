# CALL: Reduce.run([3, 1, 4, 1, 5])
# EXPECT: {31415, 5, 7.0}
defmodule Reduce do
  def run(xs) do
    {Enum.reduce(xs, 0, fn x, acc -> acc * 10 + x end),
     Enum.reduce(xs, fn x, acc -> max(x, acc) end),
     # an integer accumulator that the function turns into a float
     Enum.reduce(xs, 0, fn x, acc -> acc + x / 2 end)}
  end
end
