# RUN: %hastec check %s --emit=ir --dump-after=fuse-horizontal 2>&1 >/dev/null | FileCheck %s
# RUN: %hastec check %s --emit=ir --stop-after=const-fold-2 | FileCheck %s --check-prefix=BEFORE
# Two sibling reductions of one list variable become one multifold: the
# tuple of both, computed in one loop; each use reads its element.

defmodule HTwo do
  @spec f([float()]) :: {float(), float()}
  def f(xs), do: {Enum.sum(xs), Enum.max(xs)}
end

# CHECK:       ; IR after fuse-horizontal{{$}}
# CHECK-LABEL: entry HTwo.f/1([float]) as HTwo_f
# CHECK-SAME:  ([[XS:xs%[0-9]+]]: [float]) -> {float, float}
# CHECK-NEXT:    let [[H:hfuse%[0-9]+]]: {float, float} =
# CHECK-NEXT:      multifold : {float, float}
# CHECK-NEXT:        fold sum : float
# CHECK-NEXT:          [[XS]]
# CHECK-NEXT:        fold max : float
# CHECK-NEXT:          [[XS]]
# CHECK-NEXT:    {elem([[H]], 0), elem([[H]], 1)}

# BEFORE-NOT: multifold
