# XFAIL: *
# RUN: %hastec run %s -e 'BugU8Red.count(Nx.tensor([1, 5, 3, 7]))' | FileCheck --check-prefix=SUM %s
# Found by test/diff/corpus_nx_hastec/reductions.hx. Reductions of a u8
# tensor (a comparison's result) come out as s64. Nx widens sum/product
# to u32 (Nx.Type.to_aggregate) and prints u32 3; hastec prints s64 3.
# (reduce_max/reduce_min of u8 stay u8 now: corpus_nx_hastec/all_any.hx.
# hastec's u32 tensors (Nx.Random keys) refuse arithmetic: a u32 sum needs
# u32 arithmetic with wrapping first.)

defmodule BugU8Red do
  def count(t), do: Nx.sum(Nx.greater(t, 2))
end

# SUM: {{^}}  u32{{$}}
# SUM-NEXT: {{^}}  3{{$}}
