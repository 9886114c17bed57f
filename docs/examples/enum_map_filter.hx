# CALL: EnumMF.run(10)
# EXPECT: {[1, 4, 9, 16, 25, 36, 49, 64, 81, 100], [3, 6, 9], [1, 2, 4, 5, 7, 8, 10]}
defmodule EnumMF do
  def run(n) do
    xs = 1..n
    {Enum.map(xs, fn x -> x * x end),
     Enum.filter(xs, fn x -> rem(x, 3) == 0 end),
     Enum.reject(xs, fn x -> rem(x, 3) == 0 end)}
  end
end
