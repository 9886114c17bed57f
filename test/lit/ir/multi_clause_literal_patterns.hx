# RUN: %hastec check %s --emit=ir -O0 | FileCheck %s
# Clauses with literal patterns become a chain of ifs on the parameter
# (named arg0 when the clauses disagree); the last clause that always
# matches ends the chain, so there is no fallback raise.

defmodule Clauses do
  @spec name(integer()) :: integer()
  def name(0), do: 100
  def name(-1), do: 200
  def name(n), do: n

  @spec flag(boolean()) :: integer()
  def flag(true), do: 1
  def flag(false), do: 0
end

# CHECK-LABEL: entry Clauses.name/1(integer) as Clauses_name
# CHECK-SAME:  ([[A:arg0%[0-9]+]]: integer) -> integer
# CHECK-NEXT:    if : integer
# CHECK-NEXT:      eq([[A]], 0)
# CHECK-NEXT:    then
# CHECK-NEXT:      100
# CHECK-NEXT:    else
# CHECK-NEXT:      if : integer
# CHECK-NEXT:        eq([[A]], -1)
# CHECK-NEXT:      then
# CHECK-NEXT:        200
# CHECK-NEXT:      else
# CHECK-NEXT:        [[A]]
# CHECK-EMPTY:
# CHECK-LABEL: entry Clauses.flag/1(boolean) as Clauses_flag
# CHECK-SAME:  ([[B:arg0%[0-9]+]]: boolean) -> integer
# CHECK-NEXT:    if : integer
# CHECK-NEXT:      eq([[B]], true)
# CHECK-NEXT:    then
# CHECK-NEXT:      1
# CHECK-NEXT:    else
# CHECK-NEXT:      if : integer
# CHECK-NEXT:        eq([[B]], false)
# CHECK-NEXT:      then
# CHECK-NEXT:        0
# CHECK-NEXT:      else
# CHECK-NEXT:        raise(3, "no function clause matching in Clauses.flag/1")
