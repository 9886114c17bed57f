# CALL: Recursion.gcd(1071, 462)
# EXPECT: 21
# CALL: Recursion.sum_to(1_000_000)
# EXPECT: 500000500000
defmodule Recursion do
  def gcd(a, 0), do: a
  def gcd(a, b), do: gcd(b, rem(a, b))

  # tail-recursive loop with an accumulator
  @spec sum_to(integer()) :: integer()
  def sum_to(n), do: loop(n, 0)

  defp loop(0, acc), do: acc
  defp loop(n, acc), do: loop(n - 1, acc + n)
end
