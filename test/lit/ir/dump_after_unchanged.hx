# RUN: %hastec check %s --emit=ir --dump-after=fuse-maps 2>&1 >/dev/null | FileCheck %s
# RUN: %hastec check %s --emit=ir --dump-after=const-fold 2>&1 >/dev/null | FileCheck %s --check-prefix=FOLD
# A pass that changes nothing is dumped with "(unchanged)" after its name:
# here no map feeds a map, but there is a constant to fold.

defmodule Unchanged do
  @spec f(integer()) :: integer()
  def f(n), do: Enum.sum(Enum.map(1..n, fn x -> x * (2 + 3) end))
end

# CHECK:      ; IR after fuse-maps (unchanged)
# CHECK-NEXT: entry Unchanged.f/1(integer) as Unchanged_f

# FOLD:       ; IR after const-fold{{$}}
# FOLD:         mul(x%{{[0-9]+}}, 5)
