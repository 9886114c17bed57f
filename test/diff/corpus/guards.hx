# Guards: comparisons, arithmetic, boolean operators, and/or/not, length,
# abs/div/rem (a guard that raises: see bug_guard_raise.hx).
defmodule Guards do
  def classify(x) when x < 0, do: -1
  def classify(x) when x == 0, do: 0
  def classify(x) when x > 0 and x <= 10, do: 1
  def classify(x) when x > 10 and rem(x, 2) == 0, do: 2
  def classify(_x), do: 3

  def range_check(x, lo, hi) when x >= lo and x <= hi, do: true
  def range_check(_x, _lo, _hi), do: false

  def fguard(x) when x > 0.5, do: 1
  def fguard(x) when x < -0.5, do: -1
  def fguard(_), do: 0

  def mixed_guard(x) when x == 1.0, do: 1
  def mixed_guard(_), do: 0

  def bool_guard(b, x) when b and x > 0, do: 1
  def bool_guard(b, _) when not b, do: 2
  def bool_guard(_, _), do: 3

  def len_guard(xs) when length(xs) > 2, do: 1
  def len_guard(_), do: 0

  def arith_guard(x, y) when x * y > 100, do: 1
  def arith_guard(x, y) when abs(x - y) < 3, do: 2
  def arith_guard(x, y) when div(x, y) == 2, do: 3
  def arith_guard(_, _), do: 4

  def or_guard(x) when x < 0 or x > 100, do: true
  def or_guard(_), do: false

  def guard_fail(x, y) when rem(x, y) == 0, do: 1
  def guard_fail(_, _), do: 0
end
# CALL: Guards.classify(-3)
# CALL: Guards.classify(0)
# CALL: Guards.classify(5)
# CALL: Guards.classify(12)
# CALL: Guards.classify(13)
# CALL: Guards.range_check(5, 1, 10)
# CALL: Guards.range_check(0, 1, 10)
# CALL: Guards.fguard(0.75)
# CALL: Guards.fguard(-0.75)
# CALL: Guards.fguard(0.5)
# CALL: Guards.mixed_guard(1)
# CALL: Guards.mixed_guard(1.0)
# CALL: Guards.mixed_guard(2)
# CALL: Guards.bool_guard(true, 5)
# CALL: Guards.bool_guard(true, -5)
# CALL: Guards.bool_guard(false, 5)
# CALL: Guards.len_guard([1, 2, 3])
# CALL: Guards.len_guard([1])
# CALL: Guards.arith_guard(20, 10)
# CALL: Guards.arith_guard(5, 6)
# CALL: Guards.arith_guard(10, 5)
# CALL: Guards.arith_guard(9, 2)
# CALL: Guards.or_guard(-1)
# CALL: Guards.or_guard(50)
# CALL: Guards.or_guard(101)
# CALL: Guards.guard_fail(10, 5)
# CALL: Guards.guard_fail(10, 3)
