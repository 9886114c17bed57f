# RUN: %hastec check %s --emit=ir -O0 | FileCheck %s
# if/else, in the do-block and the keyword form, is an `if : T` node.

defmodule IfElse do
  @spec block(integer()) :: integer()
  def block(x) do
    if x > 0 do
      x * 2
    else
      0 - x
    end
  end

  @spec kw(integer()) :: float()
  def kw(x), do: if(x > 0, do: 1.5, else: 2.5)
end

# CHECK-LABEL: entry IfElse.block/1(integer) as IfElse_block
# CHECK-SAME:  ([[X:x%[0-9]+]]: integer) -> integer
# CHECK-NEXT:    if : integer
# CHECK-NEXT:      gt([[X]], 0)
# CHECK-NEXT:    then
# CHECK-NEXT:      mul([[X]], 2)
# CHECK-NEXT:    else
# CHECK-NEXT:      sub(0, [[X]])
# CHECK-EMPTY:
# CHECK-LABEL: entry IfElse.kw/1(integer) as IfElse_kw
# CHECK-SAME:  ([[X:x%[0-9]+]]: integer) -> float
# CHECK-NEXT:    if : float
# CHECK-NEXT:      gt([[X]], 0)
# CHECK-NEXT:    then
# CHECK-NEXT:      1.5
# CHECK-NEXT:    else
# CHECK-NEXT:      2.5
