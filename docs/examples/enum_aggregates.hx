# CALL: Agg.run([2, 7, 1, 8], [0.5, 0.25])
# EXPECT: {18, 112, 1, 8, 4, 3, 0.75, 0.125}
defmodule Agg do
  def run(xs, fs) do
    {Enum.sum(xs), Enum.product(xs), Enum.min(xs), Enum.max(xs), Enum.count(xs),
     Enum.count(xs, &(&1 > 1)), Enum.sum(fs), Enum.product(fs)}
  end
end
