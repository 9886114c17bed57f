# RUN: %hastec run %s -e 'BugGradNested.pat({Nx.tensor(2.0), {Nx.tensor([1.0, 2.0]), Nx.tensor(3.0)}})' | FileCheck %s
# RUN: %hastec run %s -e 'BugGradNested.elems({Nx.tensor(2.0), {Nx.tensor([1.0, 2.0]), Nx.tensor(3.0)}})' | FileCheck %s
# Regression test: fixed in the working tree after the build of 21:52 UTC
# 2026-11-27 (with maps as grad containers); the text below describes the
# bug as found.
# Found by test/diff/corpus_grad_hastec/containers.hx (GradContainers.nested,
# there with a map inside the tuple). docs/grad.md says the data of grad may
# be nested tuples, but a parameter inside an inner tuple failed to compile:
# "hastec cannot differentiate through this expression yet (a part of a
# tuple)" (frontend/Sema.cpp, accumulate: a TupleGet was followed only one
# level, to a Tuple; here its base is another TupleGet). Nx 0.9 (and the
# shim) give {9.0, {[6.0, 6.0], 6.0}}.

defmodule BugGradNested do
  import Nx.Defn

  defn pat(p), do: grad(p, fn {a, {b, c}} -> Nx.sum(a * b * c) end)
  defn elems(p), do: grad(p, fn {a, bc} -> Nx.sum(a * elem(bc, 0) * elem(bc, 1)) end)
end

# CHECK: {{^ *}}f32{{$}}
# CHECK-NEXT: {{^ *}}9.0{{$}}
# CHECK: {{^ *}}f32[2]{{$}}
# CHECK-NEXT: {{^ *}}[6.0, 6.0]{{$}}
# CHECK: {{^ *}}f32{{$}}
# CHECK-NEXT: {{^ *}}6.0{{$}}
