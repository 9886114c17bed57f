# Comparison operators on integers, floats and booleans.
defmodule Comparisons do
  def all(a, b), do: [a == b, a != b, a < b, a > b, a <= b, a >= b, a === b, a !== b]
  def mixed_eq(a, b), do: [a == b, a === b, a != b, a !== b]
  def bools(a, b), do: [a == b, a != b, a === b]
  def chain(a, b, c), do: a < b and b < c
  def between(x, lo, hi), do: x >= lo and x <= hi
end
# CALL: Comparisons.all(1, 2)
# CALL: Comparisons.all(2, 1)
# CALL: Comparisons.all(3, 3)
# CALL: Comparisons.all(-5, 5)
# CALL: Comparisons.all(1.5, 2.5)
# CALL: Comparisons.all(2.5, 2.5)
# CALL: Comparisons.all(-0.0, 0.0)
# CALL: Comparisons.mixed_eq(1, 1.0)
# CALL: Comparisons.mixed_eq(2, 1.0)
# CALL: Comparisons.mixed_eq(1.0, 1)
# CALL: Comparisons.all(1, 1.5)
# CALL: Comparisons.all(2.0, 2)
# CALL: Comparisons.bools(true, false)
# CALL: Comparisons.bools(true, true)
# CALL: Comparisons.chain(1, 2, 3)
# CALL: Comparisons.chain(1, 3, 2)
# CALL: Comparisons.between(5, 1, 10)
# CALL: Comparisons.between(11, 1, 10)
# CALL: Comparisons.between(1, 1, 1)
