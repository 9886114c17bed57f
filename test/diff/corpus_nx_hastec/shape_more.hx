# More shape operations: eye, new_axis, squeeze, slice (strides:, starts
# clamped), slice_along_axis, concatenate and stack (axis:), outer.
defmodule NxhShape2 do
  def eye(), do: {Nx.eye(3), Nx.eye({2, 3}, type: :f32), Nx.eye(2, type: :s64)}
  def eye_f64(), do: Nx.eye({3, 2}, type: :f64)
  def new_axis(t), do: {Nx.new_axis(t, 0), Nx.new_axis(t, 1), Nx.new_axis(t, -1)}
  def squeeze(t), do: {Nx.squeeze(t), Nx.squeeze(t, axes: [0])}
  def slice(t), do: {Nx.slice(t, [0, 1], [2, 2]), Nx.slice(t, [1, 0], [2, 3], strides: [1, 2])}
  def slice_clamp(t), do: Nx.slice(t, [5, 2], [2, 2])
  def slice1(t), do: {Nx.slice(t, [2], [3]), Nx.slice(t, [0], [5], strides: [2])}
  def along(t), do: {Nx.slice_along_axis(t, 1, 2, axis: 1), Nx.slice_along_axis(t, 0, 2, axis: 0), Nx.slice_along_axis(t, 0, 3, axis: 1, strides: 2)}
  def concat(a, b), do: {Nx.concatenate([a, b]), Nx.concatenate([a, b, a], axis: 1)}
  def concat1(a, b), do: Nx.concatenate([a, b])
  def stack(a, b), do: {Nx.stack([a, b]), Nx.stack([a, b], axis: 1), Nx.stack([a, b, a], axis: -1)}
  def outer(a, b), do: Nx.outer(a, b)
  def chain(), do: Nx.iota({4, 6}) |> Nx.slice([1, 1], [2, 4]) |> Nx.new_axis(0) |> Nx.transpose(axes: [1, 0, 2]) |> Nx.squeeze()
  def large(), do: {Nx.sum(Nx.slice(Nx.iota({200, 100}), [10, 5], [150, 90], strides: [3, 1])), Nx.sum(Nx.concatenate([Nx.iota({5000}), Nx.iota({5000})])), Nx.sum(Nx.outer(Nx.iota({100}, type: :f64), Nx.iota({100}, type: :f64)))}
end
# CALL: NxhShape2.eye()
# CALL: NxhShape2.eye_f64()
# CALL: NxhShape2.new_axis(Nx.tensor([1, 2, 3]))
# CALL: NxhShape2.new_axis(Nx.tensor([[1.5, 2.5]], type: :f64))
# CALL: NxhShape2.squeeze(Nx.tensor([[[1], [2]]]))
# CALL: NxhShape2.squeeze(Nx.tensor([[[1.5, 2.5]]], type: :f64))
# CALL: NxhShape2.slice(Nx.tensor([[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]]))
# CALL: NxhShape2.slice(Nx.tensor([[1.0, 2.0, 3.0, 4.0], [5.0, 6.0, 7.0, 8.0], [9.0, 10.0, 11.0, 12.0]], type: :f64))
# CALL: NxhShape2.slice_clamp(Nx.tensor([[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]]))
# CALL: NxhShape2.slice1(Nx.tensor([10, 11, 12, 13, 14, 15]))
# CALL: NxhShape2.along(Nx.tensor([[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]]))
# CALL: NxhShape2.concat(Nx.tensor([[1, 2], [3, 4]]), Nx.tensor([[5, 6], [7, 8]]))
# CALL: NxhShape2.concat(Nx.tensor([[1.5, 2.5]]), Nx.tensor([[3, 4]]))
# CALL: NxhShape2.concat1(Nx.tensor([1, 2], type: :s64), Nx.tensor([3.5], type: :f64))
# CALL: NxhShape2.stack(Nx.tensor([1, 2, 3]), Nx.tensor([4, 5, 6]))
# CALL: NxhShape2.stack(Nx.tensor([[1.0, 2.0]]), Nx.tensor([[3.0, 4.0]], type: :f64))
# CALL: NxhShape2.outer(Nx.tensor([1, 2, 3]), Nx.tensor([10, 20]))
# CALL: NxhShape2.outer(Nx.tensor([0.5, 1.5], type: :f64), Nx.tensor([2, 4, 8]))
# CALL: NxhShape2.outer(Nx.tensor([[1, 2], [3, 4]]), Nx.tensor([1, -1]))
# CALL: NxhShape2.chain()
# CALL: NxhShape2.large()
