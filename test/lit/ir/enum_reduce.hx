# RUN: %hastec check %s --emit=ir -O0 | FileCheck %s
# Enum.reduce(xs, acc, fn x, acc -> ... end) is a `reduce` node: source,
# initial value, two-parameter lambda (element, accumulator). An integer
# accumulator that the function turns into a float starts as a float.

defmodule EReduce do
  @spec sum(integer()) :: integer()
  def sum(n), do: Enum.reduce(1..n, 0, fn x, acc -> acc + x end)

  @spec halves(integer()) :: float()
  def halves(n), do: Enum.reduce(1..n, 0, fn x, acc -> acc + x / 2 end)
end

# CHECK-LABEL: entry EReduce.sum/1(integer) as EReduce_sum
# CHECK-SAME:  ([[N:n%[0-9]+]]: integer) -> integer
# CHECK-NEXT:    reduce : integer
# CHECK-NEXT:      range : [integer]
# CHECK-NEXT:        1
# CHECK-NEXT:        [[N]]
# CHECK-NEXT:      0
# CHECK-NEXT:      fn [[X:x%[0-9]+]]: integer, [[ACC:x%[0-9]+]]: integer ->
# CHECK-NEXT:        add([[ACC]], [[X]])
# CHECK-EMPTY:
# CHECK-LABEL: entry EReduce.halves/1(integer) as EReduce_halves
# CHECK-SAME:  ([[N:n%[0-9]+]]: integer) -> float
# CHECK-NEXT:    reduce : float
# CHECK-NEXT:      range : [integer]
# CHECK-NEXT:        1
# CHECK-NEXT:        [[N]]
# CHECK-NEXT:      0.0
# CHECK-NEXT:      fn [[X:x%[0-9]+]]: integer, [[ACC:x%[0-9]+]]: float ->
# CHECK-NEXT:        add([[ACC]], fdiv(cast<float>([[X]]), 2.0))
