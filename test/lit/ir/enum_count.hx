# RUN: %hastec check %s --emit=ir -O0 | FileCheck %s
# Enum.count/1 is `length`; Enum.count/2 is the length of a filter.

defmodule ECount do
  @spec c1([integer()]) :: integer()
  def c1(xs), do: Enum.count(xs)

  @spec c2(integer()) :: integer()
  def c2(n), do: Enum.count(1..n, fn x -> x > 2 end)
end

# CHECK-LABEL: entry ECount.c1/1([integer]) as ECount_c1
# CHECK-SAME:  ([[XS:xs%[0-9]+]]: [integer]) -> integer
# CHECK-NEXT:    length : integer
# CHECK-NEXT:      [[XS]]
# CHECK-EMPTY:
# CHECK-LABEL: entry ECount.c2/1(integer) as ECount_c2
# CHECK-SAME:  ([[N:n%[0-9]+]]: integer) -> integer
# CHECK-NEXT:    length : integer
# CHECK-NEXT:      filter : [integer]
# CHECK-NEXT:        range : [integer]
# CHECK-NEXT:          1
# CHECK-NEXT:          [[N]]
# CHECK-NEXT:        fn [[X:x%[0-9]+]]: integer ->
# CHECK-NEXT:          gt([[X]], 2)
