# RUN: %hastec check %s --emit=ir --stop-after=cse | FileCheck %s
# Lambdas are compared up to the names of their parameters: fn x -> x + a
# and fn y -> y + a are the same function, so the two sums over them are one
# loop. fn x -> x + b only looks alike (another captured variable), and
# fn x -> x + 1 vs fn x -> x - 1 differ in the operator: both stay.

defmodule CseLambdas do
  @spec f(integer(), integer(), integer()) :: integer()
  def f(n, a, b) do
    Enum.sum(Enum.map(1..n, fn x -> x + a end)) + Enum.sum(Enum.map(1..n, fn x -> x + b end)) +
      Enum.sum(Enum.map(1..n, fn y -> y + a end))
  end

  @spec g(integer()) :: integer()
  def g(n) do
    Enum.sum(Enum.map(1..n, fn x -> x + 1 end)) * Enum.sum(Enum.map(1..n, fn x -> x - 1 end))
  end
end

# CHECK-LABEL: entry CseLambdas.f/3(integer,integer,integer) as CseLambdas_f
# CHECK-SAME:  ([[N:n%[0-9]+]]: integer, [[A:a%[0-9]+]]: integer, [[B:b%[0-9]+]]: integer) -> integer
# CHECK-NEXT:    let [[S:cse%[0-9]+]]: integer =
# CHECK-NEXT:      fold sum : integer
# CHECK-NEXT:        map : [integer]
# CHECK-NEXT:          range : [integer]
# CHECK-NEXT:            1
# CHECK-NEXT:            [[N]]
# CHECK-NEXT:          fn [[X:x%[0-9]+]]: integer ->
# CHECK-NEXT:            add([[X]], [[A]])
# CHECK-NEXT:    add : integer
# CHECK-NEXT:      add : integer
# CHECK-NEXT:        [[S]]
# CHECK-NEXT:        fold sum : integer
# CHECK-NEXT:          map : [integer]
# CHECK-NEXT:            range : [integer]
# CHECK-NEXT:              1
# CHECK-NEXT:              [[N]]
# CHECK-NEXT:            fn [[X2:x%[0-9]+]]: integer ->
# CHECK-NEXT:              add([[X2]], [[B]])
# CHECK-NEXT:      [[S]]

# CHECK-LABEL: entry CseLambdas.g/1(integer) as CseLambdas_g
# CHECK-NOT:     cse%
# CHECK:           fn [[X:x%[0-9]+]]: integer ->
# CHECK-NEXT:        add([[X]], 1)
# CHECK-NOT:     cse%
# CHECK:           fn [[Y:x%[0-9]+]]: integer ->
# CHECK-NEXT:        sub([[Y]], 1)
