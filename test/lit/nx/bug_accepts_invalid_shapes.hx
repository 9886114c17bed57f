# RUN: not %hastec run %s -e 'BugInvalid.reshape_int()' 2>&1 | FileCheck --check-prefix=RS %s
# RUN: not %hastec run %s -e 'BugInvalid.iota_int()' 2>&1 | FileCheck --check-prefix=IOTA %s
# RUN: not %hastec run %s -e 'BugInvalid.select_pred()' 2>&1 | FileCheck --check-prefix=SEL %s
# RUN: not %hastec run %s -e 'BugInvalid.clip_tensor()' 2>&1 | FileCheck --check-prefix=CLIP %s
# RUN: not %hastec run %s -e 'BugInvalid.float_literal_s32()' 2>&1 | FileCheck --check-prefix=LIT %s
# Found by test/diff/corpus_nx_hastec. Programs that Nx rejects and hastec
# runs (a compile error at the call is what hastec should give):
# - Nx.reshape(t, 4) and Nx.iota(5): a number is not a shape in Nx (its
#   shape is {}); hastec reads it as {4} / {5}. Nx raises "cannot reshape,
#   current shape {4} is not compatible with new shape {}" and "invalid
#   shape. shape is a n-element tuple ... Got: 5".
# - Nx.select(pred, a, b): the output shape is pred's (unless pred is a
#   scalar) and a, b must broadcast to it; hastec broadcasts all three.
#   Nx raises "cannot broadcast tensor of dimensions {3} to {2, 1} ...".
# - Nx.clip(t, min, max) needs scalar bounds; hastec broadcasts tensors.
#   Nx raises "min value must be a non-vectorized scalar shape, got shape {2}".
# - Nx.tensor([1.0, 2.5], type: :s32): Nx raises ArgumentError (floats in an
#   integer tensor); hastec truncates to [1, 2].

defmodule BugInvalid do
  def reshape_int(), do: Nx.reshape(Nx.iota({4}), 4)
  def iota_int(), do: Nx.iota(5)
  def select_pred(), do: Nx.select(Nx.tensor([[1], [0]]), Nx.tensor([1, 2, 3]), Nx.tensor([[-1, -2, -3], [-4, -5, -6]]))
  def clip_tensor(), do: Nx.clip(Nx.tensor([[1, 5], [9, -3]]), Nx.tensor([0, 2]), 4)
  def float_literal_s32(), do: Nx.tensor([1.0, 2.5], type: :s32)
end

# RS: error: cannot reshape, current shape {4} is not compatible with new shape {}
# IOTA: error: {{.*}}shape
# SEL: error: cannot broadcast
# CLIP: error: {{.*}}scalar
# LIT: error: {{.*}}integer
