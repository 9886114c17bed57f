# RUN: %hastec run %s -e 'BugNumType.unary()' | FileCheck --check-prefix=UN %s
# RUN: %hastec run %s -e 'BugNumType.reduce()' | FileCheck --check-prefix=RED %s
# Regression test: fixed in 785b243; the text below describes the bug as found.
# Found by test/diff/corpus_nx_hastec/elementwise.hx and reductions.hx.
# A plain number given to an Nx unary function or reduction becomes a
# tensor of hastec's number type (s64 / f64) instead of Nx's default type
# for numbers (s32 / f32), as binary ops already do (Nx.add(1, 2) is s32):
# Nx.negate(3) and Nx.sum(5) print s64 (Nx: s32), Nx.sqrt(2.0) prints f64
# 1.4142135623730951 (Nx: f32 1.4142135381698608), Nx.mean(3) and
# Nx.reduce_max(2.5) print f64 (Nx: f32).

defmodule BugNumType do
  def unary(), do: {Nx.negate(3), Nx.abs(-3), Nx.sqrt(2.0)}
  def reduce(), do: {Nx.sum(5), Nx.mean(3), Nx.reduce_max(2.5)}
end

# UN: s32
# UN-NEXT: -3
# UN: s32
# UN-NEXT: 3
# UN: f32
# UN-NEXT: 1.4142135381698608

# RED: s32
# RED-NEXT: 5
# RED: f32
# RED-NEXT: 3.0
# RED: f32
# RED-NEXT: 2.5
