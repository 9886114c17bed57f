# RUN: %hastec check %s --emit=ir --dump-after=fuse-horizontal 2>&1 >/dev/null | FileCheck %s
# Three siblings, each with its own map/filter stages, over one range (not
# a variable: a range over variables is evaluated once for all), and
# meanvar's sums whose results meet again only after both loops: the
# multifold takes the first sibling's place; `/ n` (ArithmeticError, like
# the float sums) may be moved after the second sum.

defmodule HThree do
  @spec r(integer()) :: {integer(), integer(), integer()}
  def r(n) do
    a = 1..n |> Enum.map(&(&1 * 3 - 7)) |> Enum.sum()
    b = 1..n |> Enum.filter(&(rem(&1, 3) == 0)) |> Enum.count()
    c = 1..n |> Enum.map(&(&1 - 50)) |> Enum.min()
    {a, b, c}
  end

  @spec meanvar([float()]) :: float()
  def meanvar(xs) do
    n = length(xs)
    m = Enum.sum(xs) / n
    Enum.sum(Enum.map(xs, &(&1 * &1))) / n - m * m
  end
end

# CHECK-LABEL: entry HThree.r/1(integer) as HThree_r
# CHECK-SAME:  ([[N:n%[0-9]+]]: integer)
# CHECK-NEXT:    let [[H:hfuse%[0-9]+]]: {integer, integer, integer} =
# CHECK-NEXT:      multifold : {integer, integer, integer}
# CHECK-NEXT:        fold sum : integer
# CHECK-NEXT:          map : [integer]
# CHECK-NEXT:            range : [integer]
# CHECK-NEXT:              1
# CHECK-NEXT:              [[N]]
# CHECK-NEXT:            fn [[X:x%[0-9]+]]: integer ->
# CHECK-NEXT:              sub(mul([[X]], 3), 7)
# CHECK-NEXT:        length : integer
# CHECK-NEXT:          filter : [integer]
# CHECK-NEXT:            range : [integer]
# CHECK-NEXT:              1
# CHECK-NEXT:              [[N]]
# CHECK-NEXT:            fn [[Y:x%[0-9]+]]: integer ->
# CHECK-NEXT:              eq(rem([[Y]], 3), 0)
# CHECK-NEXT:        fold min : integer
# CHECK-NEXT:          map : [integer]
# CHECK-NEXT:            range : [integer]
# CHECK-NEXT:              1
# CHECK-NEXT:              [[N]]
# CHECK-NEXT:            fn [[Z:x%[0-9]+]]: integer ->
# CHECK-NEXT:              sub([[Z]], 50)
# CHECK-NEXT:    let a%{{[0-9]+}}: integer = elem([[H]], 0)
# CHECK-NEXT:    let b%{{[0-9]+}}: integer = elem([[H]], 1)
# CHECK-NEXT:    let c%{{[0-9]+}}: integer = elem([[H]], 2)

# CHECK-LABEL: entry HThree.meanvar/1([float]) as HThree_meanvar
# CHECK-SAME:  ([[XS:xs%[0-9]+]]: [float]) -> float
# CHECK-NEXT:    let [[NN:n%[0-9]+]]: integer =
# CHECK-NEXT:      length : integer
# CHECK-NEXT:        [[XS]]
# CHECK-NEXT:    let [[C:cse%[0-9]+]]: float = cast<float>([[NN]])
# CHECK-NEXT:    let [[H2:hfuse%[0-9]+]]: {float, float} =
# CHECK-NEXT:      multifold : {float, float}
# CHECK-NEXT:        fold sum : float
# CHECK-NEXT:          [[XS]]
# CHECK-NEXT:        fold sum : float
# CHECK-NEXT:          map : [float]
# CHECK-NEXT:            [[XS]]
# CHECK-NEXT:            fn [[P:x%[0-9]+]]: float ->
# CHECK-NEXT:              mul([[P]], [[P]])
# CHECK-NEXT:    let [[M:m%[0-9]+]]: float = fdiv(elem([[H2]], 0), [[C]])
# CHECK-NEXT:    sub(fdiv(elem([[H2]], 1), [[C]]), mul([[M]], [[M]]))
