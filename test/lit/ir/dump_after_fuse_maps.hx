# RUN: %hastec check %s --emit=ir --dump-after=fuse-maps 2>&1 >/dev/null | FileCheck %s
# RUN: %hastec build %s --emit=ir --dump-after=all 2>&1 >/dev/null | FileCheck %s --check-prefix=ALL
# --dump-after=NAME prints the IR after that pass to stderr, under a
# "; IR after NAME" header; a pass that changed nothing says "(unchanged)".

defmodule Dump do
  @spec f(integer()) :: integer()
  def f(n), do: Enum.map(1..n, &(&1 + 1)) |> Enum.map(&(&1 * 2)) |> Enum.sum()
end

# CHECK:       ; IR after fuse-maps{{$}}
# CHECK-NEXT:  entry Dump.f/1(integer) as Dump_f (n%{{[0-9]+}}: integer) -> integer
# CHECK-NEXT:    fold sum : integer
# CHECK-NEXT:      map : [integer]
# CHECK-NEXT:        range : [integer]
# CHECK-NEXT:          1
# CHECK-NEXT:          n%{{[0-9]+}}
# CHECK-NEXT:        fn [[X:x%[0-9]+]]: integer ->
# CHECK-NEXT:          let [[Y:x%[0-9]+]]: integer = add([[X]], 1)
# CHECK-NEXT:          mul([[Y]], 2)
# CHECK-NOT:   ; IR after

# ALL:       ; IR after inline (unchanged)
# ALL:       ; IR after const-fold (unchanged)
# ALL:       ; IR after cse (unchanged)
# ALL:       ; IR after fuse-maps{{$}}
# ALL:       ; IR after const-fold-2 (unchanged)
# ALL:       ; IR after fuse-horizontal (unchanged)
# ALL:       ; IR after dead-functions (unchanged)
# ALL-NOT:   ; IR after
