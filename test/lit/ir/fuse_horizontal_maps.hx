# RUN: %hastec check %s --emit=ir --dump-after=fuse-horizontal 2>&1 >/dev/null | FileCheck %s
# RUN: %hastec build %s --emit=llvm -O2 | FileCheck %s --check-prefix=LOOP
# RUN: %hastec run %s -e 'HMaps.two([1, -2, 30])' -e 'HMaps.two([])' -e 'HMaps.bound(4)' --separator --- | FileCheck %s --check-prefix=OUT
# RUN: env HX_REPORT_LIVE=1 %hastec run %s -e 'HMaps.pick([1, 2, 3])' 2>&1 | FileCheck %s --check-prefix=LIVE
# RUN: env HX_REPORT_LIVE=1 %hastec run %s -e 'HMaps.pick([1])' 2>&1 | FileCheck %s --check-prefix=LIVE1
# Materialised maps of one source (a tuple's elements, let values) become
# one multimap: one loop writes both lists. A map consumed by a fold is
# fused vertically instead and is no candidate.

defmodule HMaps do
  @spec two([integer()]) :: {[integer()], [float()]}
  def two(xs), do: {Enum.map(xs, &(&1 * 2)), Enum.map(xs, &(&1 / 4))}

  @spec bound(integer()) :: {[integer()], [integer()], integer()}
  def bound(n) do
    a = Enum.map(1..n, &(&1 * &1))
    b = Enum.map(1..n, &(&1 - 1))
    {a, b, Enum.sum(Enum.map(1..n, &(&1 + 1)))}
  end

  # The multimap's tuple owns both lists: the one returned is handed on,
  # the other freed (no array left once the result is freed).
  @spec pick([integer()]) :: [integer()]
  def pick(xs) do
    a = Enum.map(xs, &(&1 * 2))
    b = Enum.map(xs, &(&1 + 1))
    if length(a) > 2, do: a, else: b
  end
end

# CHECK-LABEL: entry HMaps.two/1
# CHECK-SAME:  ([[XS:xs%[0-9]+]]: [integer])
# CHECK-NEXT:    let [[H:hfuse%[0-9]+]]: {[integer], [float]} =
# CHECK-NEXT:      multimap : {[integer], [float]}
# CHECK-NEXT:        map : [integer]
# CHECK-NEXT:          [[XS]]
# CHECK:             map : [float]
# CHECK-NEXT:          [[XS]]
# CHECK:         {elem([[H]], 0), elem([[H]], 1)}
# CHECK-LABEL: entry HMaps.bound/1
# CHECK-NEXT:    let [[H2:hfuse%[0-9]+]]: {[integer], [integer]} =
# CHECK-NEXT:      multimap : {[integer], [integer]}
# CHECK:         let a%{{[0-9]+}}: [integer] = elem([[H2]], 0)
# CHECK-NEXT:    let b%{{[0-9]+}}: [integer] = elem([[H2]], 1)
# CHECK:           fold sum : integer

# LOOP-LABEL:   define internal void @hxb.HMaps_two(
# LOOP-COUNT-1:   call i64 @hxrt_parallel_for(
# LOOP-NOT:       @hxrt_parallel_for(
# LOOP:         {{^}}}

# OUT:      {[2, -4, 60], [0.25, -0.5, 7.5]}
# OUT-NEXT: ---
# OUT-NEXT: {[], []}
# OUT-NEXT: ---
# OUT-NEXT: {[1, 4, 9, 16], [0, 1, 2, 3], 14}

# LIVE:  [2, 4, 6]
# LIVE:  hx-run: 0 arrays live
# LIVE1: [2]
# LIVE1: hx-run: 0 arrays live
