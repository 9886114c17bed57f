# RUN: %hastec check %s --emit=ir -O0 | FileCheck %s
# div/2 and rem/2 are integer operations (div and rem nodes).

defmodule DivRem do
  @spec q(integer(), integer()) :: integer()
  def q(a, b), do: div(a, b)

  @spec r(integer(), integer()) :: integer()
  def r(a, b), do: rem(a, b)

  @spec both(integer()) :: integer()
  def both(a), do: div(a, 10) + rem(a, 10)
end

# CHECK-LABEL: entry DivRem.q/2(integer,integer) as DivRem_q
# CHECK-SAME:  ([[A:a%[0-9]+]]: integer, [[B:b%[0-9]+]]: integer) -> integer
# CHECK-NEXT:    div([[A]], [[B]])
# CHECK-LABEL: entry DivRem.r/2(integer,integer) as DivRem_r
# CHECK-SAME:  ([[A:a%[0-9]+]]: integer, [[B:b%[0-9]+]]: integer) -> integer
# CHECK-NEXT:    rem([[A]], [[B]])
# CHECK-LABEL: entry DivRem.both/1(integer) as DivRem_both
# CHECK-SAME:  ([[A:a%[0-9]+]]: integer) -> integer
# CHECK-NEXT:    add(div([[A]], 10), rem([[A]], 10))
