# RUN: %hastec check %s --emit=ir --stop-after=fuse-maps | FileCheck %s
# map(filter(map(xs))) stays as it is: fuse-maps fuses only a map whose
# source is directly another map.

defmodule FilterBetween do
  @spec f(integer()) :: [integer()]
  def f(n) do
    1..n
    |> Enum.map(fn x -> x * 3 end)
    |> Enum.filter(fn x -> rem(x, 2) == 0 end)
    |> Enum.map(fn x -> x + 1 end)
  end
end

# CHECK-LABEL: entry FilterBetween.f/1(integer) as FilterBetween_f
# CHECK-SAME:  ([[N:n%[0-9]+]]: integer) -> [integer]
# CHECK-NEXT:    map : [integer]
# CHECK-NEXT:      filter : [integer]
# CHECK-NEXT:        map : [integer]
# CHECK-NEXT:          range : [integer]
# CHECK-NEXT:            1
# CHECK-NEXT:            [[N]]
# CHECK-NEXT:          fn [[A:x%[0-9]+]]: integer ->
# CHECK-NEXT:            mul([[A]], 3)
# CHECK-NEXT:        fn [[B:x%[0-9]+]]: integer ->
# CHECK-NEXT:          eq(rem([[B]], 2), 0)
# CHECK-NEXT:      fn [[C:x%[0-9]+]]: integer ->
# CHECK-NEXT:        add([[C]], 1)
# CHECK-NOT:     let
