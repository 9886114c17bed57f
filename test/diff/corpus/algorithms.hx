# Small numeric algorithms: Newton iterations (integer and float),
# trapezoid integration, digit manipulation, binary search by recursion.
defmodule Algorithms do
  def isqrt(0), do: 0
  def isqrt(n), do: isqrt_iter(n, n)
  defp isqrt_iter(n, x) do
    y = div(x + div(n, x), 2)
    if y >= x, do: x, else: isqrt_iter(n, y)
  end

  def fsqrt(a), do: newton(a, a / 2 + 1, 30)
  defp newton(_a, x, 0), do: x
  defp newton(a, x, k), do: newton(a, (x + a / x) / 2, k - 1)

  def integrate_square(n) do
    h = 1 / n
    # (reduce, not Enum.sum: see bug_float_sum_order.hx)
    inner = Enum.reduce(1..(n - 1), 0.0, fn i, acc -> acc + sq(i * h) end)
    h * (sq(0.0) / 2 + inner + sq(1.0) / 2)
  end

  def reverse_digits(n), do: rev(n, 0)
  defp rev(0, acc), do: acc
  defp rev(n, acc), do: rev(div(n, 10), acc * 10 + rem(n, 10))

  def palindrome?(n), do: n == reverse_digits(n)
  def palindromes(a, b), do: Enum.filter(a..b, &palindrome?/1)

  def bsearch_sqrt(n), do: bs(n, 0, n)
  defp bs(n, lo, hi) when lo >= hi, do: if(lo * lo > n, do: lo - 1, else: lo)
  defp bs(n, lo, hi) do
    mid = div(lo + hi + 1, 2)
    if mid * mid <= n, do: bs(n, mid, hi), else: bs(n, lo, mid - 1)
  end

  def perfect(n), do: Enum.filter(2..n, fn k -> Enum.sum(Enum.filter(1..(k - 1), fn d -> rem(k, d) == 0 end)) == k end)

  def euler1(n), do: Enum.sum(Enum.filter(1..(n - 1), fn x -> rem(x, 3) == 0 or rem(x, 5) == 0 end))

  def mod_pow(b, e, m), do: mp(rem(b, m), e, m, 1)
  defp mp(_b, 0, _m, acc), do: acc
  defp mp(b, e, m, acc) when rem(e, 2) == 1, do: mp(rem(b * b, m), div(e, 2), m, rem(acc * b, m))
  defp mp(b, e, m, acc), do: mp(rem(b * b, m), div(e, 2), m, acc)

  defp sq(x), do: x * x
end
# CALL: Algorithms.isqrt(0)
# CALL: Algorithms.isqrt(1)
# CALL: Algorithms.isqrt(99)
# CALL: Algorithms.isqrt(1_000_000_007)
# CALL: Algorithms.fsqrt(2.0)
# CALL: Algorithms.fsqrt(1.0e10)
# CALL: Algorithms.integrate_square(10)
# CALL: Algorithms.integrate_square(1000)
# CALL: Algorithms.reverse_digits(12345)
# CALL: Algorithms.palindrome?(12321)
# CALL: Algorithms.palindromes(100, 200)
# CALL: Algorithms.bsearch_sqrt(1_000_000)
# CALL: Algorithms.bsearch_sqrt(999_999)
# CALL: Algorithms.perfect(500)
# CALL: Algorithms.euler1(1000)
# CALL: Algorithms.mod_pow(2, 100, 1_000_000_007)
# CALL: Algorithms.mod_pow(3, 0, 7)
