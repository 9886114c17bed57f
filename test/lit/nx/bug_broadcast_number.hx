# RUN: %hastec run %s -e 'BugBcNumber.int()' | FileCheck --check-prefix=INT %s
# RUN: %hastec run %s -e 'BugBcNumber.float()' | FileCheck --check-prefix=FLT %s
# Regression test: fixed in 785b243; the text below describes the bug as found.
# Found by test/diff/corpus_nx_hastec/creation.hx. Nx.broadcast/2 of a
# number (not a tensor) crashes hastec with SIGSEGV: nx_gather binds
# x.data, which is null for a number operand (frontend/Sema.cpp, "broadcast").
# Nx prints s32[2][2] [[3, 3], [3, 3]] and f32[3] [1.5, 1.5, 1.5] (numbers
# are s32/f32 tensors); hastec crashes.

defmodule BugBcNumber do
  def int(), do: Nx.broadcast(3, {2, 2})
  def float(), do: Nx.broadcast(1.5, {3})
end

# INT: s32[2][2]
# INT: [3, 3],
# INT-NEXT: [3, 3]

# FLT: f32[3]
# FLT-NEXT: [1.5, 1.5, 1.5]
