# CALL: TakeDrop.run([1, 2, 3, 4, 5])
# EXPECT: {[1, 2], [4, 5], [3, 4, 5], [1, 2, 3], [5, 4, 3, 2, 1], [1, 2, 3, 4, 5]}
defmodule TakeDrop do
  def run(xs) do
    {Enum.take(xs, 2), Enum.take(xs, -2), Enum.drop(xs, 2), Enum.drop(xs, -2),
     Enum.reverse(xs), Enum.take(xs, 10)}
  end
end
