# RUN: %hastec run %s -e 'BugMaxNan.pair(Nx.tensor([:nan, 1.0]), Nx.tensor([2.0, :nan]))' | FileCheck --check-prefix=EW %s
# RUN: %hastec run %s -e 'BugMaxNan.red(Nx.tensor([1.0, :nan, 3.0]))' | FileCheck --check-prefix=RED %s
# Regression test: fixed in 0c1dc74; the text below describes the bug as found.
# Found by test/diff/corpus_nx_hastec/ieee.hx and reductions.hx. Nx.max,
# Nx.min, Nx.reduce_max and Nx.reduce_min propagate NaN in Nx (and in EXLA,
# whose max/min are NaN-propagating); hastec returns the second operand
# when one is NaN (x86 maxps/minps): max and min of [NaN, 1.0] and
# [2.0, NaN] both print [2.0, NaN], and reduce_max/reduce_min of
# [1.0, NaN, 3.0] print 3.0 and 1.0. Nx prints [NaN, NaN] and NaN.

defmodule BugMaxNan do
  def pair(a, b), do: {Nx.max(a, b), Nx.min(a, b)}
  def red(t), do: {Nx.reduce_max(t), Nx.reduce_min(t)}
end

# EW: [NaN, NaN]
# EW: [NaN, NaN]

# RED: f32
# RED-NEXT: NaN
# RED: f32
# RED-NEXT: NaN
