# Regression test for a hastec bug (found 2026-11, issue v0): on OTP 25
# abs(-0.0) is -0.0 (abs only negates negative numbers); hastec printed 0.0.
defmodule BugAbsNegZero do
  def absv(x), do: abs(x)
  def abs_list(xs), do: Enum.map(xs, &abs/1)
end
# CALL: BugAbsNegZero.absv(-0.0)
# CALL: BugAbsNegZero.absv(-1.5)
# CALL: BugAbsNegZero.abs_list([0.0, -0.0, -2.0])
