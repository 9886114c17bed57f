# RUN: %hastec run %s -e 'NxDotG.batched()' | FileCheck --check-prefix=BATCH %s
# RUN: not %hastec run %s -e 'NxDotG.count()' 2>&1 | FileCheck --check-prefix=COUNT %s
# RUN: not %hastec run %s -e 'NxDotG.dims()' 2>&1 | FileCheck --check-prefix=DIMS %s
# RUN: not %hastec run %s -e 'NxDotG.batch_dims()' 2>&1 | FileCheck --check-prefix=BDIMS %s
# RUN: not %hastec run %s -e 'NxDotG.twice()' 2>&1 | FileCheck --check-prefix=TWICE %s
# RUN: not %hastec run %s -e 'NxDotG.operator()' 2>&1 | FileCheck --check-prefix=OP %s
# Nx.dot/4 and /6 (contraction and batch axes): transposes and reshapes into
# GEMM calls, one per batch element; mismatched axes are compile errors.

defmodule NxDotG do
  def batched(), do: Nx.dot(Nx.iota({2, 2, 3}), [2], [0], Nx.iota({2, 3, 1}), [1], [0])
  def count(), do: Nx.dot(Nx.iota({2, 3}), [0, 1], Nx.iota({2, 3}), [0])
  def dims(), do: Nx.dot(Nx.iota({2, 3}), [1], Nx.iota({2, 3}), [0])
  def batch_dims(), do: Nx.dot(Nx.iota({2, 3}), [1], [0], Nx.iota({4, 3}), [1], [0])
  def twice(), do: Nx.dot(Nx.iota({2, 3}), [1], [1], Nx.iota({2, 3}), [1], [0])
  def operator(), do: Nx.multiply(Nx.iota({3}), 2) + 1
end

# BATCH:      s32[2][2][1]
# BATCH-NEXT: [
# BATCH-NEXT:   [
# BATCH-NEXT:     [5],
# BATCH-NEXT:     [14]
# BATCH-NEXT:   ],
# BATCH-NEXT:   [
# BATCH-NEXT:     [86],
# BATCH-NEXT:     [122]
# COUNT: dot_general.hx:12:{{[0-9]+}}: error: dot/zip expects the same number of contracting axes on both sides
# DIMS: dot_general.hx:13:{{[0-9]+}}: error: dot/zip expects shapes to be compatible, dimension 1 of left-side (3) does not equal dimension 0 of right-side (2)
# BDIMS: dot_general.hx:14:{{[0-9]+}}: error: dot/zip expects batch dimensions to be equal, dimension 0 of left-side (2) does not equal dimension 0 of right-side (4)
# TWICE: dot_general.hx:15:{{[0-9]+}}: error: Nx.dot: the left side's contraction and batch axes [1, 1] name an axis twice
# OP: dot_general.hx:16:{{[0-9]+}}: error: outside defn, `+` on a tensor raises ArithmeticError in Elixir: write Nx.add/2, or use the operator inside defn
