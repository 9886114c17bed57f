# Boolean operators: and or not && || ! (booleans only), short-circuiting.
defmodule Booleans do
  def table(a, b), do: [a and b, a or b, not a, a && b, a || b, !a, !(a and b)]
  def xor(a, b), do: (a or b) and not (a and b)
  def implies(a, b), do: not a or b
  # The right operand must not run when the left decides.
  def safe_div_check(x), do: x != 0 and div(100, x) > 5
  def safe_or(x), do: x == 0 or div(100, x) < 5
  def safe_amp(x), do: x != 0 && rem(100, x) == 0
  def safe_pipe(x), do: x == 0 || rem(100, x) == 0
  def precedence(a, b, c), do: a or b and c
  def nots(a), do: not not a
  def literal(), do: [true, false, not true, true and false]
end
# CALL: Booleans.table(true, true)
# CALL: Booleans.table(true, false)
# CALL: Booleans.table(false, true)
# CALL: Booleans.table(false, false)
# CALL: Booleans.xor(true, false)
# CALL: Booleans.xor(true, true)
# CALL: Booleans.implies(false, false)
# CALL: Booleans.implies(true, false)
# CALL: Booleans.safe_div_check(0)
# CALL: Booleans.safe_div_check(10)
# CALL: Booleans.safe_div_check(50)
# CALL: Booleans.safe_or(0)
# CALL: Booleans.safe_or(30)
# CALL: Booleans.safe_amp(0)
# CALL: Booleans.safe_amp(7)
# CALL: Booleans.safe_amp(25)
# CALL: Booleans.safe_pipe(0)
# CALL: Booleans.safe_pipe(3)
# CALL: Booleans.precedence(true, false, false)
# CALL: Booleans.precedence(false, true, false)
# CALL: Booleans.precedence(false, true, true)
# CALL: Booleans.nots(false)
# CALL: Booleans.literal()
