# Captures: &f/1, &M.f/1, &(&1 * 2), &rem(&1, 3), &f(&1, x), in pipelines.
defmodule Captures do
  def local(xs), do: Enum.map(xs, &twice/1)
  def remote(xs), do: Enum.map(xs, &Captures.Util.cube/1)
  def self_remote(xs), do: Enum.map(xs, &Captures.twice/1)
  def expr(xs), do: Enum.map(xs, &(&1 * 2))
  def expr2(xs), do: Enum.map(xs, &(&1 * &1 - 1))
  def rem3(xs), do: Enum.map(xs, &rem(&1, 3))
  def div_by(xs, d), do: Enum.map(xs, &div(&1, d))
  def partial(xs, k), do: Enum.map(xs, &add(&1, k))
  def partial_first(xs, k), do: Enum.map(xs, &add(k, &1))
  def filter_cap(n), do: Enum.filter(1..n, &odd/1)
  def reject_cap(n), do: Enum.reject(1..n, &(rem(&1, 4) == 0))
  def count_cap(n), do: Enum.count(1..n, &(&1 > 5))
  def reduce_cap(xs), do: Enum.reduce(xs, 0, &add/2)
  def reduce_cap2(xs), do: Enum.reduce(xs, 0, &(&1 * 2 + &2))
  def float_cap(xs), do: Enum.map(xs, &(&1 * 0.25))
  def float_cap2(xs), do: Enum.map(xs, &(1 / &1))
  def abs_cap(xs), do: Enum.map(xs, &abs/1)
  def twice(x), do: x * 2
  defp add(a, b), do: a * 10 + b
  defp odd(x), do: rem(x, 2) == 1
end

defmodule Captures.Util do
  def cube(x), do: x * x * x
end
# CALL: Captures.local([1, 2, 3])
# CALL: Captures.remote([1, -2, 3])
# CALL: Captures.self_remote([5])
# CALL: Captures.expr([4, 5])
# CALL: Captures.expr2([4, 5])
# CALL: Captures.rem3([-5, -4, -3, 0, 3, 4, 5])
# CALL: Captures.div_by([10, -10, 7], 3)
# CALL: Captures.partial([1, 2], 5)
# CALL: Captures.partial_first([1, 2], 5)
# CALL: Captures.filter_cap(9)
# CALL: Captures.reject_cap(9)
# CALL: Captures.count_cap(9)
# CALL: Captures.reduce_cap([1, 2, 3])
# CALL: Captures.reduce_cap2([1, 2, 3])
# CALL: Captures.float_cap([1, 2])
# CALL: Captures.float_cap([1.0, 2.0])
# CALL: Captures.float_cap2([4, 8])
# CALL: Captures.abs_cap([-1, 2, -3])
