# RUN: %hastec check %s --emit=ir -O0 | FileCheck %s
# unless c, do: a, else: b is lowered as if c, do: b, else: a (both forms).

defmodule Unless do
  @spec block(integer()) :: integer()
  def block(x) do
    unless x > 0 do
      1
    else
      2
    end
  end

  @spec kw(integer()) :: integer()
  def kw(x), do: unless(x > 0, do: 10, else: 20)
end

# CHECK-LABEL: entry Unless.block/1(integer) as Unless_block
# CHECK-SAME:  ([[X:x%[0-9]+]]: integer) -> integer
# CHECK-NEXT:    if : integer
# CHECK-NEXT:      gt([[X]], 0)
# CHECK-NEXT:    then
# CHECK-NEXT:      2
# CHECK-NEXT:    else
# CHECK-NEXT:      1
# CHECK-EMPTY:
# CHECK-LABEL: entry Unless.kw/1(integer) as Unless_kw
# CHECK-SAME:  ([[X:x%[0-9]+]]: integer) -> integer
# CHECK-NEXT:    if : integer
# CHECK-NEXT:      gt([[X]], 0)
# CHECK-NEXT:    then
# CHECK-NEXT:      20
# CHECK-NEXT:    else
# CHECK-NEXT:      10
