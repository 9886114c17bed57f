# RUN: %hastec check %s --emit=ir -O0 | FileCheck %s
# Enum.min/1 and Enum.max/1 are folds (they raise on an empty list).

defmodule EMinMax do
  @spec lo([integer()]) :: integer()
  def lo(xs), do: Enum.min(xs)

  @spec hi([float()]) :: float()
  def hi(xs), do: Enum.max(xs)
end

# CHECK-LABEL: entry EMinMax.lo/1([integer]) as EMinMax_lo
# CHECK-SAME:  ([[XS:xs%[0-9]+]]: [integer]) -> integer
# CHECK-NEXT:    fold min : integer
# CHECK-NEXT:      [[XS]]
# CHECK-EMPTY:
# CHECK-LABEL: entry EMinMax.hi/1([float]) as EMinMax_hi
# CHECK-SAME:  ([[XS:xs%[0-9]+]]: [float]) -> float
# CHECK-NEXT:    fold max : float
# CHECK-NEXT:      [[XS]]
