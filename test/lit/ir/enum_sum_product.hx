# RUN: %hastec check %s --emit=ir -O0 | FileCheck %s
# Enum.sum/1 and Enum.product/1 are built-in folds typed by the element.

defmodule ESum do
  @spec s(integer()) :: integer()
  def s(n), do: Enum.sum(1..n)

  @spec p([float()]) :: float()
  def p(xs), do: Enum.product(xs)
end

# CHECK-LABEL: entry ESum.s/1(integer) as ESum_s
# CHECK-SAME:  ([[N:n%[0-9]+]]: integer) -> integer
# CHECK-NEXT:    fold sum : integer
# CHECK-NEXT:      range : [integer]
# CHECK-NEXT:        1
# CHECK-NEXT:        [[N]]
# CHECK-EMPTY:
# CHECK-LABEL: entry ESum.p/1([float]) as ESum_p
# CHECK-SAME:  ([[XS:xs%[0-9]+]]: [float]) -> float
# CHECK-NEXT:    fold product : float
# CHECK-NEXT:      [[XS]]
