# RUN: %hastec run %s -e 'BugTwice.twice(Nx.tensor([[1, 2, 3], [4, 5, 6]]))' | FileCheck %s
# Regression test (found by test/diff/corpus_nx_hastec/reductions.hx, fixed
# in 78a91d7). A tuple holding the same axis reduction twice (here spelled
# axes: [1] and axes: [-1]) crashed hx-run (SIGSEGV in hx_inspect: the
# second tensor's data pointer was garbage; the shared let-bound list was
# freed). Nx prints both tensors s32[2] [6, 15].

defmodule BugTwice do
  def twice(t), do: {Nx.sum(t, axes: [1]), Nx.sum(t, axes: [-1])}
end

# CHECK: s32[2]
# CHECK-NEXT: [6, 15]
# CHECK: s32[2]
# CHECK-NEXT: [6, 15]
