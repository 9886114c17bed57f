# RUN: %hastec check %s --emit=ir -O0 | FileCheck %s
# Enum.filter(xs, p) is a `filter` node whose lambda returns a boolean; the
# element type is unchanged.

defmodule EFilter do
  @spec evens(integer()) :: [integer()]
  def evens(n), do: Enum.filter(1..n, fn x -> rem(x, 2) == 0 end)

  @spec big([float()]) :: [float()]
  def big(xs), do: Enum.filter(xs, fn x -> x > 1.5 end)
end

# CHECK-LABEL: entry EFilter.evens/1(integer) as EFilter_evens
# CHECK-SAME:  ([[N:n%[0-9]+]]: integer) -> [integer]
# CHECK-NEXT:    filter : [integer]
# CHECK-NEXT:      range : [integer]
# CHECK-NEXT:        1
# CHECK-NEXT:        [[N]]
# CHECK-NEXT:      fn [[X:x%[0-9]+]]: integer ->
# CHECK-NEXT:        eq(rem([[X]], 2), 0)
# CHECK-EMPTY:
# CHECK-LABEL: entry EFilter.big/1([float]) as EFilter_big
# CHECK-SAME:  ([[XS:xs%[0-9]+]]: [float]) -> [float]
# CHECK-NEXT:    filter : [float]
# CHECK-NEXT:      [[XS]]
# CHECK-NEXT:      fn [[X:x%[0-9]+]]: float ->
# CHECK-NEXT:        gt([[X]], 1.5)
