# RUN: %hastec run %s -e 'BugFlat.flat(Nx.tensor([[1, 2], [3, 4]]))' | FileCheck --check-prefix=FLAT %s
# RUN: %hastec run %s -e 'BugFlat.list(Nx.tensor([1.5, 0.1]))' | FileCheck --check-prefix=LIST %s
# Regression test: fixed in 18ff824; the text below describes the bug as found.
# Found by test/diff/corpus_nx_hastec/shape.hx. Nx.to_flat_list/1 and
# Nx.to_list/1 as a function's result fail to compile: `hastec: internal
# error: generated LLVM IR is invalid: Operand is null` (`br <null operand!>,
# label %ret, label %ret.copy`, the ownership flag of the returned list).
# Used inside the function (Enum.sum(Nx.to_flat_list(t))) they work.
# Nx prints [1, 2, 3, 4] and [1.5, 0.10000000149011612].

defmodule BugFlat do
  def flat(t), do: Nx.to_flat_list(t)
  def list(t), do: Nx.to_list(t)
end

# FLAT: {{^}}[1, 2, 3, 4]{{$}}
# LIST: {{^}}[1.5, 0.10000000149011612]{{$}}
