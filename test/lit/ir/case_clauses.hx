# RUN: %hastec check %s --emit=ir -O0 | FileCheck %s
# case binds its subject to a fresh `case` variable and tests the clauses in
# order like function clauses; when no clause is sure to match, the chain
# ends in raise(4, "no case clause matching: ", subject) (CaseClauseError).

defmodule CaseIR do
  @spec c(integer()) :: integer()
  def c(x) do
    case x * 2 do
      0 -> 10
      n when n > 5 -> n
    end
  end

  @spec total(integer()) :: integer()
  def total(x) do
    case x do
      1 -> 100
      _ -> 0
    end
  end
end

# CHECK-LABEL: entry CaseIR.c/1(integer) as CaseIR_c
# CHECK-SAME:  ([[X:x%[0-9]+]]: integer) -> integer
# CHECK-NEXT:    let [[S:case%[0-9]+]]: integer = mul([[X]], 2)
# CHECK-NEXT:    if : integer
# CHECK-NEXT:      eq([[S]], 0)
# CHECK-NEXT:    then
# CHECK-NEXT:      10
# CHECK-NEXT:    else
# CHECK-NEXT:      if : integer
# CHECK-NEXT:        gt([[S]], 5)
# CHECK-NEXT:      then
# CHECK-NEXT:        [[S]]
# CHECK-NEXT:      else
# CHECK-NEXT:        raise(4, "no case clause matching: ", [[S]])
# CHECK-EMPTY:
# CHECK-LABEL: entry CaseIR.total/1(integer) as CaseIR_total
# CHECK-SAME:  ([[X:x%[0-9]+]]: integer) -> integer
# CHECK-NEXT:    let [[S:case%[0-9]+]]: integer = [[X]]
# CHECK-NEXT:    if : integer
# CHECK-NEXT:      eq([[S]], 1)
# CHECK-NEXT:    then
# CHECK-NEXT:      100
# CHECK-NEXT:    else
# CHECK-NEXT:      0
# CHECK-NOT:   raise
