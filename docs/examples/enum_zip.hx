# CALL: Zips.run([10, 20, 30], [1.5, 2.5])
# EXPECT: {[{10, 1.5}, {20, 2.5}], [15.0, 50.0], [{10, 0}, {20, 1}, {30, 2}], [{10, 1}, {20, 2}, {30, 3}]}
defmodule Zips do
  def run(xs, ys) do
    {Enum.zip(xs, ys),
     Enum.zip_with(xs, ys, fn x, y -> x * y end),
     Enum.with_index(xs),
     Enum.with_index(xs, 1)}
  end
end
