#
# RUN: %hastec run %s -e 'BugGradArgmax.mul(Nx.tensor([1.0, 3.0, 2.0]))' | FileCheck --check-prefix=MUL %s
# RUN: %hastec run %s -e 'BugGradArgmax.add_min(Nx.tensor([1.0, 3.0, 2.0]))' | FileCheck --check-prefix=ADD %s
# Found by test/diff/corpus_grad_hastec/containers.hx (GradContainers.no_grad,
# kept out of the corpus while this is open). docs/grad.md lists argmax and
# argmin as carrying no gradient, but an argmax/argmin of a parameter inside
# the differentiated function fails to compile: "hastec cannot differentiate
# through this expression (an expression of type Nx.Tensor s32)" (the s32
# result depends on the parameter and has no tape node; iota and the
# comparisons work). Nx 0.9 (and the shim) treat it as a constant:
# x * argmax(x) at [1.0, 3.0, 2.0] has gradient argmax(x) = 1 everywhere,
# x + argmin(x, axis: 0) has gradient 1.

defmodule BugGradArgmax do
  import Nx.Defn

  defn mul(x), do: grad(x, fn x -> Nx.sum(x * Nx.argmax(x)) end)
  defn add_min(x), do: grad(x, fn x -> Nx.sum(x + Nx.argmin(x, axis: 0)) end)
end

# MUL: {{^ *}}f32[3]{{$}}
# MUL-NEXT: {{^ *}}[1.0, 1.0, 1.0]{{$}}
# ADD: {{^ *}}f32[3]{{$}}
# ADD-NEXT: {{^ *}}[1.0, 1.0, 1.0]{{$}}
