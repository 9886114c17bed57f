# Recursion: clause-based base cases, guards, accumulator loops (deep
# enough to need tail calls), mutual recursion.
defmodule Recursion do
  def fact(0), do: 1
  def fact(n) when n > 0, do: n * fact(n - 1)

  def fib(0), do: 0
  def fib(1), do: 1
  def fib(n), do: fib(n - 1) + fib(n - 2)

  def fib_fast(n), do: fib_loop(n, 0, 1)
  defp fib_loop(0, a, _b), do: a
  defp fib_loop(n, a, b), do: fib_loop(n - 1, b, a + b)

  def sum_to(n), do: sum_loop(n, 0)
  defp sum_loop(0, acc), do: acc
  defp sum_loop(n, acc), do: sum_loop(n - 1, acc + n)

  def gcd(a, 0), do: a
  def gcd(a, b), do: gcd(b, rem(a, b))

  def pow(_b, 0), do: 1
  def pow(b, e) when rem(e, 2) == 0, do: pow(b * b, div(e, 2))
  def pow(b, e), do: b * pow(b, e - 1)

  def collatz(n), do: collatz(n, 0)
  defp collatz(1, steps), do: steps
  defp collatz(n, steps) when rem(n, 2) == 0, do: collatz(div(n, 2), steps + 1)
  defp collatz(n, steps), do: collatz(3 * n + 1, steps + 1)

  def even?(0), do: true
  def even?(n), do: odd?(n - 1)
  def odd?(0), do: false
  def odd?(n), do: even?(n - 1)

  def harmonic(n), do: harmonic(n, 0.0)
  defp harmonic(0, acc), do: acc
  defp harmonic(n, acc), do: harmonic(n - 1, acc + 1 / n)

  def digits_sum(n) when n < 10, do: n
  def digits_sum(n), do: rem(n, 10) + digits_sum(div(n, 10))

  def ackermann(0, n), do: n + 1
  def ackermann(m, 0), do: ackermann(m - 1, 1)
  def ackermann(m, n), do: ackermann(m - 1, ackermann(m, n - 1))
end
# CALL: Recursion.fact(0)
# CALL: Recursion.fact(1)
# CALL: Recursion.fact(10)
# CALL: Recursion.fact(20)
# CALL: Recursion.fib(0)
# CALL: Recursion.fib(20)
# CALL: Recursion.fib_fast(90)
# CALL: Recursion.sum_to(0)
# CALL: Recursion.sum_to(1_000_000)
# CALL: Recursion.gcd(1071, 462)
# CALL: Recursion.gcd(17, 5)
# CALL: Recursion.gcd(0, 5)
# CALL: Recursion.pow(2, 10)
# CALL: Recursion.pow(3, 0)
# CALL: Recursion.pow(-3, 5)
# CALL: Recursion.pow(2, 62)
# CALL: Recursion.collatz(27)
# CALL: Recursion.collatz(1)
# CALL: Recursion.even?(10)
# CALL: Recursion.odd?(7)
# CALL: Recursion.even?(100001)
# CALL: Recursion.harmonic(10)
# CALL: Recursion.harmonic(100000)
# CALL: Recursion.digits_sum(987654321)
# CALL: Recursion.ackermann(2, 3)
