# RUN: %hastec check %s --emit=ir -O0 | FileCheck %s
# A recursive helper without @spec: its result type is inferred from the
# non-recursive clause (integer for one accumulator, float for the other).

defmodule Rec do
  @spec count(integer()) :: integer()
  def count(n), do: loop(n, 0)

  @spec halve(integer()) :: float()
  def halve(n), do: loop(n, 1.0)

  defp loop(0, acc), do: acc
  defp loop(n, acc), do: loop(n - 1, acc + acc)
end

# CHECK-LABEL: entry Rec.count/1(integer) as Rec_count
# CHECK-SAME:  ([[N:n%[0-9]+]]: integer) -> integer
# CHECK-NEXT:    call Rec.loop/2(integer,integer)([[N]], 0)
# CHECK-LABEL: entry Rec.halve/1(integer) as Rec_halve
# CHECK-SAME:  ([[N:n%[0-9]+]]: integer) -> float
# CHECK-NEXT:    call Rec.loop/2(integer,float)([[N]], 1.0)
# CHECK-LABEL: func Rec.loop/2(integer,integer)
# CHECK-SAME:  ([[A:arg0%[0-9]+]]: integer, [[B:arg1%[0-9]+]]: integer) -> integer
# CHECK-NEXT:    if : integer
# CHECK-NEXT:      eq([[A]], 0)
# CHECK-NEXT:    then
# CHECK-NEXT:      [[B]]
# CHECK-NEXT:    else
# CHECK-NEXT:      call Rec.loop/2(integer,integer)(sub([[A]], 1), add([[B]], [[B]]))
# CHECK-LABEL: func Rec.loop/2(integer,float)
# CHECK-SAME:  ([[A:arg0%[0-9]+]]: integer, [[B:arg1%[0-9]+]]: float) -> float
# CHECK-NEXT:    if : float
# CHECK-NEXT:      eq([[A]], 0)
# CHECK-NEXT:    then
# CHECK-NEXT:      [[B]]
# CHECK-NEXT:    else
# CHECK-NEXT:      call Rec.loop/2(integer,float)(sub([[A]], 1), add([[B]], [[B]]))
