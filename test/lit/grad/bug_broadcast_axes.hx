#
# RUN: %hastec run %s -e 'BugBcAxes.col(Nx.tensor([1.0, 2.0]))' | FileCheck --check-prefix=COL %s
# RUN: %hastec run %s -e 'BugBcAxes.grad_axes(Nx.tensor([1.0, 2.0]))' | FileCheck --check-prefix=GRAD %s
# Found by test/diff/corpus_grad_hastec/shape.hx (GradShape.broadcast_axes,
# kept out of the corpus while this is open). Nx.broadcast/3 ignores its
# options: `axes: [0]` (put the operand's axis 0 on the result's axis 0) is
# dropped, so a {2} tensor broadcast to {2, 2} comes out as rows
# [[1.0, 2.0], [1.0, 2.0]] instead of Nx's columns [[1.0, 1.0], [2.0, 2.0]]
# (a silently wrong result), and to {2, 3} it fails with "cannot broadcast
# tensor of shape {2} to {2, 3}". Nx 0.9 (and the shim) give the results
# below. Either implement axes: (and its gradient, a sum over the other
# axes) or reject options of broadcast/3 with a clear error.

defmodule BugBcAxes do
  import Nx.Defn

  defn col(x), do: Nx.broadcast(x, {2, 2}, axes: [0])
  defn grad_axes(x), do: grad(x, fn x -> Nx.sum(Nx.broadcast(x, {2, 3}, axes: [0]) * Nx.iota({2, 3})) end)
end

# COL: {{^ *}}f32[2][2]{{$}}
# COL: {{^ *}}[1.0, 1.0],{{$}}
# COL-NEXT: {{^ *}}[2.0, 2.0]{{$}}

# GRAD: {{^ *}}f32[2]{{$}}
# GRAD-NEXT: {{^ *}}[3.0, 12.0]{{$}}
