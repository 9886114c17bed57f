# XFAIL: *
# RUN: %hastec run %s -e 'BugU8Red.count(Nx.tensor([1, 5, 3, 7]))' | FileCheck --check-prefix=SUM %s
# RUN: %hastec run %s -e 'BugU8Red.any(Nx.tensor([1, 5, 3, 7]))' | FileCheck --check-prefix=MAX %s
# Found by test/diff/corpus_nx_hastec/reductions.hx. Reductions of a u8
# tensor (a comparison's result) come out as s64. Nx keeps u8 for
# reduce_max/reduce_min/select and widens sum/product to u32
# (Nx.Type.to_aggregate): Nx prints u32 3 and u8 1; hastec s64 3 and s64 1.
# (hastec has no u32 type yet: the fix may need one, or a clear error.)

defmodule BugU8Red do
  def count(t), do: Nx.sum(Nx.greater(t, 2))
  def any(t), do: Nx.reduce_max(Nx.greater(t, 2))
end

# SUM: {{^}}  u32{{$}}
# SUM-NEXT: {{^}}  3{{$}}
# MAX: {{^}}  u8{{$}}
# MAX-NEXT: {{^}}  1{{$}}
