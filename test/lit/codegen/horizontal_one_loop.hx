# RUN: %hastec build %s --emit=llvm -O2 | FileCheck %s
# RUN: %hastec build %s --emit=llvm -O2 --stop-after=const-fold-2 | FileCheck %s --check-prefix=UNFUSED
# RUN: %hastec run %s -e 'HLoop.stats([0.25, 0.75, -1.5, 2.0])' | FileCheck %s --check-prefix=OUT
# RUN: not %hastec run %s -e 'HLoop.stats([])' 2>&1 | FileCheck %s --check-prefix=EMPTY
# Structure: three sibling reductions of one list are ONE parallel loop
# (one hxrt_parallel_for, one chunk function, vectorised); without
# fuse-horizontal they are three.

defmodule HLoop do
  @spec stats([float()]) :: {float(), float(), integer()}
  def stats(xs), do: {Enum.sum(xs), Enum.max(xs), Enum.count(xs, &(&1 > 0.5))}
end

# CHECK:         define internal void @"hxf.HLoop.stats/1([float]).chunk"(
# CHECK:           fadd <{{[0-9]+}} x double>
# CHECK-NOT:     define internal void @"hxf.HLoop.stats/1([float]).chunk.
# CHECK-LABEL:   define internal void @hxb.HLoop_stats(
# CHECK-COUNT-1:   call i64 @hxrt_parallel_for(
# CHECK-NOT:       @hxrt_parallel_for(
# CHECK:         {{^}}}

# UNFUSED-LABEL:   define internal void @hxb.HLoop_stats(
# UNFUSED-COUNT-3:   call i64 @hxrt_parallel_for(
# UNFUSED:         {{^}}}

# OUT:   {1.5, 2.0, 2}
# EMPTY: ** (Enum.EmptyError) empty error
