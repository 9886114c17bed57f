# RUN: %hastec run %s -e 'BugCacheShape.inc(Nx.tensor([1, 2]))' | FileCheck --check-prefix=TWO %s
# RUN: %hastec run %s -e 'BugCacheShape.inc(Nx.tensor([5]))' | FileCheck --check-prefix=ONE %s
# Regression test (found by test/diff/corpus_nx_hastec, fixed in 78a91d7).
# The compile cache key of `hastec run` listed the argument types through
# ir::type_descriptor, which left out a tensor's dimensions, so a second
# call with another shape reused the .so compiled for the first shape:
# Nx prints s32[1] [6] for the second call, hastec printed s32[2] [6, 0].

defmodule BugCacheShape do
  def inc(t), do: Nx.add(t, 1)
end

# TWO: s32[2]
# TWO-NEXT: [2, 3]

# ONE: s32[1]
# ONE-NEXT: [6]
