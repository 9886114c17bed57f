# CALL: AllAny.run([2, 4, 7])
# EXPECT: {false, true, true}
defmodule AllAny do
  def run(xs) do
    {Enum.all?(xs, &(rem(&1, 2) == 0)), Enum.any?(xs, &(rem(&1, 2) == 1)),
     Enum.all?(Enum.filter(xs, &(&1 > 100)), &(&1 > 1000))}
  end
end
