# CALL: Arith.mixed(3, 0.5)
# EXPECT: {3.5, 6, 2.5, -3, 3.0}
# CALL: Arith.division(7, 2)
# EXPECT: {3.5, 3, 1}
# CALL: Arith.division(-7, 2)
# EXPECT: {-3.5, -3, -1}
defmodule Arith do
  # integer op float is float; + - * of two integers stay integers
  def mixed(n, x), do: {n + x, n * 2, n - x, -n, 2 * n * x}

  # `/` always gives a float; div truncates, rem takes the dividend's sign
  def division(a, b), do: {a / b, div(a, b), rem(a, b)}
end
