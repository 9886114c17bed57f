# Runtime errors from arithmetic: the expected output is Elixir's
# `** (ArithmeticError) bad argument in arithmetic expression` line.
defmodule ErrorsArith do
  def div0(a, b), do: div(a, b)
  def rem0(a, b), do: rem(a, b)
  def slash(a, b), do: a / b
  def int_by_zero(a), do: a / 0
  def float_zero(), do: 1.0 / 0.0
  def zero_zero(), do: 0.0 / 0.0
  def neg_zero_div(x), do: x / -0.0
  def in_lambda(xs), do: Enum.map(xs, fn x -> div(100, x) end)
  def in_reduce(xs), do: Enum.reduce(xs, 0, fn x, acc -> acc + rem(10, x) end)
  def in_filter(xs), do: Enum.filter(xs, fn x -> 10 / x > 1 end)
  def deep(n), do: deep(n, 10)
  defp deep(0, d), do: div(1, d - 10)
  defp deep(n, d), do: deep(n - 1, d)
  def after_ok(x) do
    y = div(x, 2)
    z = y - 5
    div(100, z)
  end
  def float_overflow(x), do: x * 1.0e308
  def sum_overflow(), do: Enum.sum([1.0e308, 1.0e308])
end
# CALL: ErrorsArith.div0(1, 0)
# CALL: ErrorsArith.div0(0, 0)
# CALL: ErrorsArith.div0(-7, 0)
# CALL: ErrorsArith.div0(7, 1)
# CALL: ErrorsArith.rem0(5, 0)
# CALL: ErrorsArith.slash(1, 0)
# CALL: ErrorsArith.slash(1.0, 0.0)
# CALL: ErrorsArith.slash(1, 0.0)
# CALL: ErrorsArith.slash(0, 0)
# CALL: ErrorsArith.slash(3, 2)
# CALL: ErrorsArith.int_by_zero(5)
# CALL: ErrorsArith.float_zero()
# CALL: ErrorsArith.zero_zero()
# CALL: ErrorsArith.neg_zero_div(1.0)
# CALL: ErrorsArith.in_lambda([1, 2, 0, 4])
# CALL: ErrorsArith.in_lambda([1, 2, 4])
# CALL: ErrorsArith.in_reduce([3, 0])
# CALL: ErrorsArith.in_filter([1, 20, 0])
# CALL: ErrorsArith.deep(1000)
# CALL: ErrorsArith.after_ok(10)
# CALL: ErrorsArith.after_ok(12)
# CALL: ErrorsArith.float_overflow(10.0)
# CALL: ErrorsArith.float_overflow(1.0)
# CALL: ErrorsArith.sum_overflow()
