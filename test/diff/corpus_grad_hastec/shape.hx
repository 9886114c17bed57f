# hastec subset of test/diff/corpus_grad/shape.hx (same module); left out:
# index and range (x[...] access is not supported yet), take_g, take_axis,
# embed (Nx.take is not supported yet) and broadcast_axes (Nx.broadcast/3's
# axes:, test/lit/grad/bug_broadcast_axes.hx).
# Gradients through the shape operations: reshape, transpose, broadcast
# (explicit, with axes:), slice (strides, clamped starts), slice_along_axis,
# tensor[i] and ranges, concatenate, stack, take (repeated indices add up),
# new_axis, squeeze. They move or add up the incoming gradient and never
# round it, except where take/broadcast sum several contributions.
defmodule GradShape do
  import Nx.Defn

  defn reshape_g(x, w), do: grad(x, fn x -> Nx.sum(Nx.reshape(x, {3, 2}) * w) end)
  defn transpose_g(x, w), do: grad(x, fn x -> Nx.sum(Nx.transpose(x) * w) end)
  defn transpose3(x), do: grad(x, fn x -> Nx.sum(Nx.transpose(x, axes: [2, 0, 1]) * Nx.iota({2, 2, 2})) end)
  defn broadcast_g(x), do: grad(x, fn x -> Nx.sum(Nx.broadcast(x, {2, 3}) * Nx.iota({2, 3})) end)
  defn slice_g(x), do: grad(x, fn x -> Nx.sum(Nx.slice(x, [0, 1], [2, 2]) * Nx.tensor([[1.0, 2.0], [3.0, 4.0]])) end)
  defn slice_strides(x), do: grad(x, fn x -> Nx.sum(Nx.slice(x, [1], [5], strides: [2]) * Nx.tensor([1.0, 10.0, 100.0])) end)
  defn slice_clamped(x), do: grad(x, fn x -> Nx.sum(Nx.slice(x, [3], [2]) * 5) end)
  defn along(x), do: grad(x, fn x -> Nx.sum(Nx.slice_along_axis(x, 1, 2, axis: 1) ** 2) end)
  defn concat(a, b), do: grad({a, b}, fn {a, b} -> Nx.sum(Nx.concatenate([a, b, a], axis: 1) * Nx.iota({2, 5})) end)
  defn stack_g(a, b), do: grad({a, b}, fn {a, b} -> Nx.sum(Nx.stack([a, b], axis: 1) * Nx.iota({3, 2})) end)
  defn axes_g(x), do: grad(x, fn x -> Nx.sum(Nx.squeeze(Nx.new_axis(x, 0) * 3)) end)
end
# CALL: GradShape.reshape_g(Nx.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]), Nx.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]))
# CALL: GradShape.transpose_g(Nx.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]), Nx.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]))
# CALL: GradShape.transpose3(Nx.iota({2, 2, 2}, type: :f32))
# CALL: GradShape.broadcast_g(Nx.tensor([1.0, 2.0, 3.0]))
# CALL: GradShape.broadcast_g(Nx.tensor(1.5, type: :f64))
# CALL: GradShape.slice_g(Nx.iota({2, 4}, type: :f32))
# CALL: GradShape.slice_strides(Nx.iota({7}, type: :f32))
# CALL: GradShape.slice_clamped(Nx.tensor([1.0, 2.0, 3.0]))
# CALL: GradShape.along(Nx.tensor([[1.0, 2.0, 3.0, 4.0], [5.0, 6.0, 7.0, 8.0]]))
# CALL: GradShape.concat(Nx.tensor([[1.0, 2.0], [3.0, 4.0]]), Nx.tensor([[5.0], [6.0]]))
# CALL: GradShape.stack_g(Nx.tensor([1.0, 2.0, 3.0]), Nx.tensor([4.0, 5.0, 6.0]))
# CALL: GradShape.axes_g(Nx.tensor([[1.0, 2.0]]))
