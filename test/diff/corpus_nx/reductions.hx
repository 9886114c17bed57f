# sum/mean/reduce_max/reduce_min/logsumexp/variance/standard_deviation/
# argmax/argmin with axes:, axis:, keep_axes:, keep_axis:. Sums run in
# row-major order in f64 (or exact integers) and round once; u8 and s8..s32
# sums widen to u32/s32 (Nx.Type.to_aggregate).
defmodule NxReduce do
  def sum(), do: [Nx.sum(Nx.tensor(42)), Nx.sum(Nx.tensor([1, 2, 3])), Nx.sum(Nx.tensor([[1.0, 2.0], [3.0, 4.0]]))]
  def sum_widen(), do: [Nx.sum(Nx.tensor([[101, 102], [103, 104]], type: :s8)), Nx.sum(Nx.tensor([200, 200], type: :u8))]
  def sum_axes(), do: [Nx.sum(Nx.iota({2, 2, 3}), axes: [0]), Nx.sum(Nx.iota({2, 2, 3}), axes: [1]), Nx.sum(Nx.iota({2, 2, 3}), axes: [2])]
  def sum_two_axes(), do: [Nx.sum(Nx.iota({2, 2, 3}), axes: [0, 2]), Nx.sum(Nx.iota({2, 2, 3}), axes: [-3])]
  def sum_keep(), do: Nx.sum(Nx.tensor([[1, 2], [3, 4]]), axes: [0], keep_axes: true)
  def sum_keep_all(), do: Nx.sum(Nx.iota({2, 3}), keep_axes: true)
  def sum_empty_axes(), do: Nx.sum(Nx.tensor([1, 2], type: :u8), axes: [])
  def sum_f32_order(), do: Nx.sum(Nx.tensor([1.0e8, 1.0, -1.0e8, 0.5]))
  def sum_f32_many(), do: Nx.sum(Nx.divide(Nx.iota({1000}), 7))
  def sum_wrap(), do: Nx.sum(Nx.tensor([2_147_483_647, 1]))
  def sum_nan(), do: [Nx.sum(Nx.tensor([1.0, :nan])), Nx.sum(Nx.tensor([:infinity, :neg_infinity])), Nx.sum(Nx.tensor([:infinity, 1.0]))]
  def mean(), do: [Nx.mean(Nx.tensor(42)), Nx.mean(Nx.tensor([1, 2, 3])), Nx.mean(Nx.tensor([1, 2, 3], type: :u8), axes: [0])]
  def mean_axes(), do: [Nx.mean(Nx.iota({2, 2, 3}), axes: [0]), Nx.mean(Nx.iota({2, 2, 3}), axes: [0, 2]), Nx.mean(Nx.iota({2, 2, 3}), axes: [-1], keep_axes: true)]
  def mean_f64(), do: Nx.mean(Nx.tensor([0.1, 0.2, 0.4], type: :f64))
  def max_min(), do: [Nx.reduce_max(Nx.tensor(42)), Nx.reduce_max(Nx.tensor(42.0)), Nx.reduce_min(Nx.tensor([1, 2, 3]))]
  def max_axes(), do: [Nx.reduce_max(Nx.tensor([[3, 1, 4], [2, 1, 1]]), axes: [0]), Nx.reduce_max(Nx.tensor([[3, 1, 4], [2, 1, 1]]), axes: [1])]
  def min_axes(), do: Nx.reduce_min(Nx.tensor([[[1, 2], [4, 5]], [[2, 4], [3, 8]]]), axes: [0, 2], keep_axes: true)
  def max_special(), do: [Nx.reduce_max(Nx.tensor([1.0, :nan, 3.0])), Nx.reduce_min(Nx.tensor([:infinity, 2.0])), Nx.reduce_max(Nx.tensor([:neg_infinity, -5.0], type: :f64))]
  def logsumexp(), do: [Nx.logsumexp(Nx.tensor([1, 2, 3, 4, 5, 6])), Nx.logsumexp(Nx.tensor([[1, 2], [3, 4], [5, 6]]))]
  def logsumexp_axes(), do: [Nx.logsumexp(Nx.tensor([[1, 2], [3, 4], [5, 6]]), axes: [0]), Nx.logsumexp(Nx.tensor([[1, 2], [3, 4], [5, 6]]), axes: [1])]
  def logsumexp_keep(), do: Nx.logsumexp(Nx.tensor([[[1, 2], [3, 4]], [[5, 6], [7, 8]]]), axes: [0, 2], keep_axes: true)
  def logsumexp_scaling(), do: [Nx.logsumexp(Nx.tensor([1, 2, 3, 4, 5, 6]), exp_scaling_factor: 0.5), Nx.logsumexp(Nx.tensor([1, 2, 3, 4, 5, 6]), exp_scaling_factor: Nx.tensor([-1, -1, -1, 1, 1, 1]))]
  def logsumexp_large(), do: Nx.logsumexp(Nx.tensor([1000.0, 1000.0]))
  def variance(), do: [Nx.variance(Nx.tensor([[1, 2], [3, 4]])), Nx.variance(Nx.tensor([[1, 2], [3, 4]]), ddof: 1)]
  def variance_axes(), do: [Nx.variance(Nx.tensor([[1, 2], [3, 4]]), axes: [0]), Nx.variance(Nx.tensor([[1, 2], [3, 4]]), axes: [1], keep_axes: true)]
  def std(), do: [Nx.standard_deviation(Nx.tensor([[1, 2], [3, 4]])), Nx.standard_deviation(Nx.tensor([[1, 2], [3, 4]]), ddof: 1)]
  def std_axes(), do: [Nx.standard_deviation(Nx.tensor([[1, 2], [10, 20]]), axes: [0], ddof: 1), Nx.standard_deviation(Nx.tensor([[1, 2], [10, 20]]), keep_axes: true)]
  def argmax(), do: [Nx.argmax(4), Nx.argmax(Nx.tensor([[[4, 2, 3], [1, -5, 3]], [[6, 2, 3], [4, 8, 3]]])), Nx.argmax(Nx.tensor([2.0, 4.0]))]
  def argmax_axis(), do: [Nx.argmax(Nx.tensor([[[4, 2, 3], [1, -5, 3]], [[6, 2, 3], [4, 8, 3]]]), axis: 0), Nx.argmax(Nx.tensor([[[4, 2, 3], [1, -5, 3]], [[6, 2, 3], [4, 8, 3]]]), axis: -1)]
  def argmax_ties(), do: [Nx.argmax(Nx.tensor([[1, 3, 3], [2, 2, 0]]), axis: 1), Nx.argmax(Nx.tensor([[1, 3, 3], [2, 2, 0]]), axis: 1, tie_break: :high)]
  def argmax_keep(), do: Nx.argmax(Nx.tensor([[[4, 2, 3], [1, -5, 3]], [[6, 2, 3], [4, 8, 3]]]), axis: 1, keep_axis: true)
  def argmax_type(), do: Nx.argmax(Nx.tensor([[1.5, 0.5], [0.1, 0.2]]), axis: 0, type: :u8)
  def argmax_nan(), do: [Nx.argmax(Nx.tensor([2.0, :nan, 4.0])), Nx.argmin(Nx.tensor([2.0, :nan, 4.0]))]
  def argmin(), do: [Nx.argmin(Nx.tensor([[[4, 2, 3], [1, -5, 3]], [[6, 2, 3], [4, 8, 3]]])), Nx.argmin(Nx.tensor([[[4, 2, 3], [1, -5, 3]], [[6, 2, 3], [4, 8, 3]]]), axis: 1)]
  def bad_axis(), do: Nx.sum(Nx.tensor([[1, 2]]), axes: [2])
end
# CALL: NxReduce.sum()
# CALL: NxReduce.sum_widen()
# CALL: NxReduce.sum_axes()
# CALL: NxReduce.sum_two_axes()
# CALL: NxReduce.sum_keep()
# CALL: NxReduce.sum_keep_all()
# CALL: NxReduce.sum_empty_axes()
# CALL: NxReduce.sum_f32_order()
# CALL: NxReduce.sum_f32_many()
# CALL: NxReduce.sum_wrap()
# CALL: NxReduce.sum_nan()
# CALL: NxReduce.mean()
# CALL: NxReduce.mean_axes()
# CALL: NxReduce.mean_f64()
# CALL: NxReduce.max_min()
# CALL: NxReduce.max_axes()
# CALL: NxReduce.min_axes()
# CALL: NxReduce.max_special()
# CALL: NxReduce.logsumexp()
# CALL: NxReduce.logsumexp_axes()
# CALL: NxReduce.logsumexp_keep()
# CALL: NxReduce.logsumexp_scaling()
# CALL: NxReduce.logsumexp_large()
# CALL: NxReduce.variance()
# CALL: NxReduce.variance_axes()
# CALL: NxReduce.std()
# CALL: NxReduce.std_axes()
# CALL: NxReduce.argmax()
# CALL: NxReduce.argmax_axis()
# CALL: NxReduce.argmax_ties()
# CALL: NxReduce.argmax_keep()
# CALL: NxReduce.argmax_type()
# CALL: NxReduce.argmax_nan()
# CALL: NxReduce.argmin()
# CALL: NxReduce.bad_axis()
