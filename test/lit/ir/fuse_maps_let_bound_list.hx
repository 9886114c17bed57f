# RUN: %hastec check %s --emit=ir --stop-after=fuse-maps | FileCheck %s
# A map whose input is a let-bound list used twice is not fused: both maps
# read the variable, and the list is built once.

defmodule LetBound do
  @spec f(integer()) :: integer()
  def f(n) do
    ys = Enum.map(1..n, fn x -> x * 2 end)
    a = Enum.map(ys, fn y -> y + 1 end)
    b = Enum.map(ys, fn y -> y - 1 end)
    Enum.sum(a) + Enum.sum(b)
  end
end

# CHECK-LABEL: entry LetBound.f/1(integer) as LetBound_f
# CHECK-SAME:  ([[N:n%[0-9]+]]: integer) -> integer
# CHECK-NEXT:    let [[YS:ys%[0-9]+]]: [integer] =
# CHECK-NEXT:      map : [integer]
# CHECK-NEXT:        range : [integer]
# CHECK-NEXT:          1
# CHECK-NEXT:          [[N]]
# CHECK-NEXT:        fn [[X:x%[0-9]+]]: integer ->
# CHECK-NEXT:          mul([[X]], 2)
# CHECK-NEXT:    let [[A:a%[0-9]+]]: [integer] =
# CHECK-NEXT:      map : [integer]
# CHECK-NEXT:        [[YS]]
# CHECK-NEXT:        fn [[Y:x%[0-9]+]]: integer ->
# CHECK-NEXT:          add([[Y]], 1)
# CHECK-NEXT:    let [[B:b%[0-9]+]]: [integer] =
# CHECK-NEXT:      map : [integer]
# CHECK-NEXT:        [[YS]]
# CHECK-NEXT:        fn [[Z:x%[0-9]+]]: integer ->
# CHECK-NEXT:          sub([[Z]], 1)
# CHECK-NEXT:    add : integer
# CHECK-NEXT:      fold sum : integer
# CHECK-NEXT:        [[A]]
# CHECK-NEXT:      fold sum : integer
# CHECK-NEXT:        [[B]]
