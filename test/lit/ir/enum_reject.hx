# RUN: %hastec check %s --emit=ir -O0 | FileCheck %s
# Enum.reject(xs, p) is a filter whose lambda is `not` of p.

defmodule EReject do
  @spec odds(integer()) :: [integer()]
  def odds(n), do: Enum.reject(1..n, fn x -> rem(x, 2) == 0 end)
end

# CHECK-LABEL: entry EReject.odds/1(integer) as EReject_odds
# CHECK-SAME:  ([[N:n%[0-9]+]]: integer) -> [integer]
# CHECK-NEXT:    filter : [integer]
# CHECK-NEXT:      range : [integer]
# CHECK-NEXT:        1
# CHECK-NEXT:        [[N]]
# CHECK-NEXT:      fn [[X:x%[0-9]+]]: integer ->
# CHECK-NEXT:        not(eq(rem([[X]], 2), 0))
