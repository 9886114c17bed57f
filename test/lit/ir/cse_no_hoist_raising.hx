# RUN: %hastec check %s --emit=ir --stop-after=cse | FileCheck %s
# Negative cases: what may raise is never evaluated where it was not, and
# never before another error that came first.
# - branch: div(x, y) inside the then-branch is shared there, but not with
#   the div(x, y) after the if (hoisting it would raise ArithmeticError for
#   y == 0 at the wrong line; reusing the branch's value is impossible when
#   the else branch ran).
# - both_branches: div(x, y) in both branches stays in each: hoisting it
#   would report the error at one branch's line for both.
# - guard: a division in a guard is trapped (the clause fails); it is not
#   shared with the body's division.
# - order: div(c, d) is shared, and div(a, b), evaluated before it, is bound
#   first, so div(a, b)'s error still comes first.

defmodule CseNoHoist do
  @spec branch(integer(), integer()) :: integer()
  def branch(x, y) do
    if y != 0 do
      div(x, y) + div(x, y)
    else
      0
    end + div(x, y)
  end

  @spec both_branches(integer(), integer(), boolean()) :: integer()
  def both_branches(x, y, c) do
    if c do
      div(x, y) + 1
    else
      div(x, y) - 1
    end
  end

  @spec guard(integer(), integer()) :: integer()
  def guard(x, y), do: pick(x, y)

  defp pick(x, y) when div(x, y) > 2, do: div(x, y)
  defp pick(_x, _y), do: 0

  @spec order(integer(), integer(), integer(), integer()) :: integer()
  def order(a, b, c, d) do
    div(a, b) + div(c, d) + div(c, d)
  end
end

# CHECK-LABEL: entry CseNoHoist.branch/2(integer,integer) as CseNoHoist_branch
# CHECK-SAME:  ([[X:x%[0-9]+]]: integer, [[Y:y%[0-9]+]]: integer) -> integer
# CHECK-NEXT:    add : integer
# CHECK-NEXT:      if : integer
# CHECK-NEXT:        ne([[Y]], 0)
# CHECK-NEXT:      then
# CHECK-NEXT:        let [[Q:cse%[0-9]+]]: integer = div([[X]], [[Y]])
# CHECK-NEXT:        add([[Q]], [[Q]])
# CHECK-NEXT:      else
# CHECK-NEXT:        0
# CHECK-NEXT:      div([[X]], [[Y]])

# CHECK-LABEL: entry CseNoHoist.both_branches/3(integer,integer,boolean)
# CHECK-SAME:  ([[X:x%[0-9]+]]: integer, [[Y:y%[0-9]+]]: integer, [[C:c%[0-9]+]]: boolean) -> integer
# CHECK-NEXT:    if : integer
# CHECK-NEXT:      [[C]]
# CHECK-NEXT:    then
# CHECK-NEXT:      add(div([[X]], [[Y]]), 1)
# CHECK-NEXT:    else
# CHECK-NEXT:      sub(div([[X]], [[Y]]), 1)

# CHECK-LABEL: entry CseNoHoist.guard/2(integer,integer)
# CHECK-NOT:     cse%
# CHECK:         guard : boolean
# CHECK-NEXT:      gt(div([[X:x%[0-9]+]], [[Y:y%[0-9]+]]), 2)
# CHECK-NEXT:    then
# CHECK-NEXT:      div([[X]], [[Y]])

# CHECK-LABEL: entry CseNoHoist.order/4(integer,integer,integer,integer)
# CHECK-SAME:  ([[A:a%[0-9]+]]: integer, [[B:b%[0-9]+]]: integer, [[C:c%[0-9]+]]: integer, [[D:d%[0-9]+]]: integer)
# CHECK-NEXT:    let [[P:pre%[0-9]+]]: integer = div([[A]], [[B]])
# CHECK-NEXT:    let [[Q:cse%[0-9]+]]: integer = div([[C]], [[D]])
# CHECK-NEXT:    add(add([[P]], [[Q]]), [[Q]])
