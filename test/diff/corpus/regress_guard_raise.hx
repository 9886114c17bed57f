# Regression test for a hastec bug (found 2026-11, issue v0): in Elixir a
# guard that raises (div/rem by zero) just fails and the next clause is
# tried; hastec raised ArithmeticError instead.
defmodule BugGuardRaise do
  def f(x) when div(100, x) > 5, do: 1
  def f(_), do: 0

  def g(x, y) when rem(x, y) == 0, do: 1
  def g(_, _), do: 0

  def h(x) when x > 0 and 10 / x > 1, do: 1
  def h(_), do: 0

  def anon(xs), do: Enum.map(xs, fn
    x when div(10, x) > 2 -> 1
    _ -> 0
  end)
end
# CALL: BugGuardRaise.f(10)
# CALL: BugGuardRaise.f(50)
# CALL: BugGuardRaise.f(0)
# CALL: BugGuardRaise.g(10, 5)
# CALL: BugGuardRaise.g(10, 0)
# CALL: BugGuardRaise.h(5)
# CALL: BugGuardRaise.h(0)
# CALL: BugGuardRaise.anon([1, 0, 5])
