# RUN: %hastec check %s --emit=ir -O0 | FileCheck %s
# RUN: %hastec check %s --emit=ir --stop-after=const-fold | FileCheck %s --check-prefix=FOLD
# cond is a chain of ifs on its boolean conditions ending in raise(5, ...)
# (CondClauseError); clauses after a `true ->` clause are dropped, and
# const-fold then removes the test of `true` and the unreachable raise.

defmodule CondIR do
  @spec d(integer()) :: integer()
  def d(x) do
    cond do
      x > 10 -> 1
      x > 5 -> 2
    end
  end

  @spec e(integer()) :: integer()
  def e(x) do
    cond do
      x > 10 -> 1
      true -> 3
      x > 0 -> 4
    end
  end
end

# CHECK-LABEL: entry CondIR.d/1(integer) as CondIR_d
# CHECK-SAME:  ([[X:x%[0-9]+]]: integer) -> integer
# CHECK-NEXT:    if : integer
# CHECK-NEXT:      gt([[X]], 10)
# CHECK-NEXT:    then
# CHECK-NEXT:      1
# CHECK-NEXT:    else
# CHECK-NEXT:      if : integer
# CHECK-NEXT:        gt([[X]], 5)
# CHECK-NEXT:      then
# CHECK-NEXT:        2
# CHECK-NEXT:      else
# CHECK-NEXT:        raise(5, "no cond clause evaluated to a truthy value")
# CHECK-EMPTY:
# CHECK-LABEL: entry CondIR.e/1(integer) as CondIR_e
# CHECK-SAME:  ([[X:x%[0-9]+]]: integer) -> integer
# CHECK-NEXT:    if : integer
# CHECK-NEXT:      gt([[X]], 10)
# CHECK-NEXT:    then
# CHECK-NEXT:      1
# CHECK-NEXT:    else
# CHECK-NEXT:      if : integer
# CHECK-NEXT:        true
# CHECK-NEXT:      then
# CHECK-NEXT:        3
# CHECK-NEXT:      else
# CHECK-NEXT:        raise(5, "no cond clause evaluated to a truthy value")

# FOLD-LABEL: entry CondIR.e/1(integer) as CondIR_e
# FOLD-SAME:  ([[X:x%[0-9]+]]: integer) -> integer
# FOLD-NEXT:    if : integer
# FOLD-NEXT:      gt([[X]], 10)
# FOLD-NEXT:    then
# FOLD-NEXT:      1
# FOLD-NEXT:    else
# FOLD-NEXT:      3
# FOLD-NOT:     raise
