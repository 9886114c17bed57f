# CALL: Lambdas.run([1, -2, 3], 1000)
# EXPECT: {[1001, 998, 1003], [1, -1, 1], 2000}
defmodule Lambdas do
  def run(xs, k) do
    add_k = fn x -> x + k end                # closes over k
    sign = fn
      0 -> 0
      x when x > 0 -> 1
      _ -> -1
    end
    {Enum.map(xs, add_k), Enum.map(xs, sign), Enum.reduce(xs, 0, fn x, acc -> acc + x * k end)}
  end
end
