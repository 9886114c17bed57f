# Reductions: sum, mean, reduce_max, reduce_min, product over all axes and
# over axes: (several, negative), keep_axes: true, on each type; integer
# sums wrap; Inf/NaN; reductions of numbers (of u8: test/lit/nx/bug_u8_reduction_type.hx).
defmodule NxhRed do
  def all(t), do: {Nx.sum(t), Nx.mean(t), Nx.reduce_max(t), Nx.reduce_min(t), Nx.product(t)}
  def ax0(t), do: {Nx.sum(t, axes: [0]), Nx.mean(t, axes: [0]), Nx.reduce_max(t, axes: [0]), Nx.reduce_min(t, axes: [0]), Nx.product(t, axes: [0])}
  def ax1(t), do: {Nx.sum(t, axes: [1]), Nx.mean(t, axes: [1]), Nx.reduce_max(t, axes: [1]), Nx.reduce_min(t, axes: [1]), Nx.product(t, axes: [1])}
  def axm1(t), do: {Nx.sum(t, axes: [-1]), Nx.mean(t, axes: [-1]), Nx.reduce_max(t, axes: [-1]), Nx.reduce_min(t, axes: [-1]), Nx.product(t, axes: [-1])}
  def sum_ax(t), do: {Nx.sum(t, axes: [0]), Nx.sum(t, axes: [1]), Nx.sum(t, axes: [-1]), Nx.sum(t, axes: [0, 1])}
  def keep(t), do: {Nx.sum(t, axes: [1], keep_axes: true), Nx.mean(t, keep_axes: true), Nx.reduce_max(t, axes: [0], keep_axes: true)}
  def keep_false(t), do: Nx.sum(t, axes: [0], keep_axes: false)
  def r3_all(), do: {r3(Nx.iota({2, 3, 4})), r3(Nx.iota({2, 3, 4}, type: :f32)), r3(Nx.iota({2, 3, 4}, type: :f64))}
  def r4_all(), do: {r4(Nx.iota({2, 2, 3, 2}, type: :s64)), r4(Nx.iota({2, 2, 3, 2}, type: :f32))}
  def r3(t), do: {Nx.sum(t, axes: [0, 2]), Nx.reduce_max(t, axes: [1]), Nx.mean(t, axes: [2], keep_axes: true), Nx.product(t, axes: [-1, 0])}
  def r4(t), do: {Nx.sum(t, axes: [1, 3]), Nx.reduce_min(t, axes: [0, 1, 2, 3], keep_axes: true), Nx.sum(t, axes: [2])}
  def scalars(), do: {Nx.sum(5), Nx.mean(3), Nx.reduce_max(2.5), Nx.product(4)}
  def count_greater(t, x), do: Nx.sum(Nx.as_type(Nx.greater(t, x), :s32))
  def rank0(), do: {Nx.sum(Nx.tensor(5)), Nx.mean(Nx.tensor(4, type: :s64)), Nx.reduce_min(Nx.tensor(1.5, type: :f64))}
  def mean_int(t), do: Nx.mean(t)
  def sum_of_sum(t), do: Nx.sum(Nx.sum(t, axes: [0]))
end
# CALL: NxhRed.all(Nx.tensor([[1, 2, 3], [4, 5, 6]]))
# CALL: NxhRed.all(Nx.tensor([[1, 2, 3], [4, 5, 6]], type: :s64))
# CALL: NxhRed.all(Nx.tensor([[1.5, -2.0, 3.25], [4.0, 0.5, -6.0]]))
# CALL: NxhRed.all(Nx.tensor([[1.5, -2.0, 3.25], [4.0, 0.5, -6.0]], type: :f64))
# CALL: NxhRed.all(Nx.tensor([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]))
# CALL: NxhRed.all(Nx.tensor([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7], type: :f64))
# CALL: NxhRed.ax0(Nx.tensor([[1, 2, 3], [4, 5, 6]]))
# CALL: NxhRed.ax1(Nx.tensor([[1, 2, 3], [4, 5, 6]], type: :s64))
# CALL: NxhRed.ax1(Nx.tensor([[1.5, 2.0, 3.0], [4.0, 5.5, 6.0]]))
# CALL: NxhRed.ax0(Nx.tensor([[1.5, 2.0, 3.0], [4.0, 5.5, 6.0]], type: :f64))
# CALL: NxhRed.axm1(Nx.tensor([[1, 2, 3], [4, 5, 6]]))
# CALL: NxhRed.sum_ax(Nx.tensor([[1, 2, 3], [4, 5, 6]]))
# CALL: NxhRed.sum_ax(Nx.tensor([[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]]))
# CALL: NxhRed.keep(Nx.tensor([[1, 2, 3], [4, 5, 6]]))
# CALL: NxhRed.keep(Nx.tensor([[1.0, 2.0], [3.0, 4.0]], type: :f64))
# CALL: NxhRed.keep_false(Nx.tensor([[1, 2], [3, 4]]))
# CALL: NxhRed.r3_all()
# CALL: NxhRed.r3(Nx.tensor([[[1, 2], [3, 4]], [[5, 6], [7, 8]]], type: :s64))
# CALL: NxhRed.r4_all()
# CALL: NxhRed.all(Nx.tensor([2_000_000_000, 2_000_000_000]))
# CALL: NxhRed.all(Nx.tensor([65536, 65536, 3]))
# CALL: NxhRed.all(Nx.tensor([9_000_000_000_000_000_000, 1_000_000_000_000_000_000], type: :s64))
# CALL: NxhRed.scalars()
# CALL: NxhRed.all(Nx.tensor([1.0, :nan, 3.0]))
# CALL: NxhRed.all(Nx.tensor([1.0, :infinity, -5.0], type: :f64))
# CALL: NxhRed.count_greater(Nx.tensor([1, 5, 3, 7]), 2)
# CALL: NxhRed.rank0()
# CALL: NxhRed.mean_int(Nx.tensor([1, 2], type: :s64))
# CALL: NxhRed.mean_int(Nx.tensor([[1, 2], [3, 5]]))
# CALL: NxhRed.sum_of_sum(Nx.tensor([[1.5, 2.5], [3.5, 4.5]]))
