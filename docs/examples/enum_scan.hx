# CALL: Scans.run([1, 2, 3, 4])
# EXPECT: {[1, 3, 6, 10], [999, 997, 994, 990]}
defmodule Scans do
  def run(xs), do: {Enum.scan(xs, &(&1 + &2)), Enum.scan(xs, 1000, fn x, acc -> acc - x end)}
end
