# RUN: %hastec check %s --emit=ir -O0 | FileCheck %s
# A multi-clause fn whose clauses may all fail raises FunctionClauseError
# naming the anonymous fn and its enclosing function.

defmodule FnClauses do
  @spec f(integer()) :: [integer()]
  def f(n) do
    Enum.map(1..n, fn
      1 -> 10
      x when x > 2 -> x
    end)
  end
end

# CHECK-LABEL: entry FnClauses.f/1(integer) as FnClauses_f
# CHECK:         fn [[X:x%[0-9]+]]: integer ->
# CHECK-NEXT:      if : integer
# CHECK-NEXT:        eq([[X]], 1)
# CHECK-NEXT:      then
# CHECK-NEXT:        10
# CHECK-NEXT:      else
# CHECK-NEXT:        if : integer
# CHECK-NEXT:          gt([[X]], 2)
# CHECK-NEXT:        then
# CHECK-NEXT:          [[X]]
# CHECK-NEXT:        else
# CHECK-NEXT:          raise(3, "no function clause matching in anonymous fn/1 in FnClauses.f/1")
