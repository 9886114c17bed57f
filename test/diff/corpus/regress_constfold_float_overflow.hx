# Regression test for a hastec bug (found 2026-11, issue v0): BEAM raises
# ArithmeticError when a float operation overflows; hastec does so at run
# time, but constant folding turned 1.0e308 * 10.0 into Infinity.
defmodule BugConstfoldFloatOverflow do
  def mul(), do: 1.0e308 * 10.0
  def add(), do: 1.0e308 + 1.0e308
  def neg(), do: -1.0e308 * 10
  def quot(), do: 1.0e308 / 0.1
  def runtime(x), do: x * 10.0
end
# CALL: BugConstfoldFloatOverflow.mul()
# CALL: BugConstfoldFloatOverflow.add()
# CALL: BugConstfoldFloatOverflow.neg()
# CALL: BugConstfoldFloatOverflow.quot()
# CALL: BugConstfoldFloatOverflow.runtime(1.0e308)
