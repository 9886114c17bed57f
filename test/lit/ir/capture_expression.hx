# RUN: %hastec check %s --emit=ir -O0 | FileCheck %s
# &(&1 * 2) is an inline lambda: no helper function and no call.

defmodule CapExpr do
  @spec f(integer()) :: [integer()]
  def f(n), do: Enum.map(1..n, &(&1 * 2))

  @spec g(integer()) :: integer()
  def g(n), do: Enum.reduce(1..n, 0, &(&1 + &2 * 10))
end

# CHECK-LABEL: entry CapExpr.f/1(integer) as CapExpr_f
# CHECK-SAME:  ([[N:n%[0-9]+]]: integer) -> [integer]
# CHECK-NEXT:    map : [integer]
# CHECK-NEXT:      range : [integer]
# CHECK-NEXT:        1
# CHECK-NEXT:        [[N]]
# CHECK-NEXT:      fn [[X:x%[0-9]+]]: integer ->
# CHECK-NEXT:        mul([[X]], 2)
# CHECK-EMPTY:
# CHECK-LABEL: entry CapExpr.g/1(integer) as CapExpr_g
# CHECK-SAME:  ([[N:n%[0-9]+]]: integer) -> integer
# CHECK-NEXT:    reduce : integer
# CHECK-NEXT:      range : [integer]
# CHECK-NEXT:        1
# CHECK-NEXT:        [[N]]
# CHECK-NEXT:      0
# CHECK-NEXT:      fn [[A:x%[0-9]+]]: integer, [[B:x%[0-9]+]]: integer ->
# CHECK-NEXT:        add([[A]], mul([[B]], 10))
# CHECK-NOT:   call
# CHECK-NOT:   func
