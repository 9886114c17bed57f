# RUN: %hastec run %s -e 'BugRedInf.sum(Nx.tensor([1.0, :infinity]))' | FileCheck --check-prefix=INF %s
# RUN: %hastec run %s -e 'BugRedInf.sum(Nx.tensor([1.0, :nan], type: :f64))' | FileCheck --check-prefix=NAN %s
# RUN: %hastec run %s -e 'BugRedInf.sum(Nx.tensor([3.0e38, 3.0e38]))' | FileCheck --check-prefix=OVF %s
# RUN: %hastec run %s -e 'BugRedInf.product(Nx.tensor([2.0, :infinity]))' | FileCheck --check-prefix=PROD %s
# Regression test: fixed in 785b243; the text below describes the bug as found.
# Found by test/diff/corpus_nx_hastec/reductions.hx and ieee.hx. Nx.sum and
# Nx.product of float tensors fold with Elixir's checked float arithmetic:
# an Inf or NaN element, or an f32 sum that overflows, raises
# `** (ArithmeticError) bad argument in arithmetic expression`. Tensor
# floats are IEEE (docs/tensors.md; elementwise ops and Nx.mean already
# are): Nx prints f32 Inf, f64 NaN, f32 Inf, f32 Inf.

defmodule BugRedInf do
  def sum(t), do: Nx.sum(t)
  def product(t), do: Nx.product(t)
end

# INF: f32
# INF-NEXT: Inf
# NAN: f64
# NAN-NEXT: NaN
# OVF: f32
# OVF-NEXT: Inf
# PROD: f32
# PROD-NEXT: Inf
