# Statistics reductions and index reductions: variance, standard_deviation
# (ddof:), logsumexp, argmax/argmin (axis:, keep_axis:, type:, ties to the
# lowest index), over all axes and along axes, on each type.
defmodule NxhStats do
  def var_all(t), do: {Nx.variance(t), Nx.standard_deviation(t), Nx.variance(t, ddof: 1), Nx.standard_deviation(t, ddof: 1)}
  def var_axes(t), do: {Nx.variance(t, axes: [0]), Nx.standard_deviation(t, axes: [1]), Nx.variance(t, axes: [1], keep_axes: true)}
  def var_ddof_axes(t), do: Nx.variance(t, axes: [-1], ddof: 1)
  def lse(t), do: {Nx.logsumexp(t), Nx.logsumexp(t, axes: [1]), Nx.logsumexp(t, axes: [0], keep_axes: true)}
  def lse_big(), do: Nx.logsumexp(Nx.tensor([1000.0, 1000.0, 999.0]))
  def lse_rank1(t), do: Nx.logsumexp(t)
  def arg(t), do: {Nx.argmax(t), Nx.argmin(t)}
  def arg_axis(t), do: {Nx.argmax(t, axis: 0), Nx.argmin(t, axis: 1), Nx.argmax(t, axis: -1, keep_axis: true)}
  def arg_type(t), do: {Nx.argmax(t, type: :s64), Nx.argmin(t, axis: 0, type: :s64)}
  def arg_ties(t), do: {Nx.argmax(t, tie_break: :low), Nx.argmin(t, axis: 1, tie_break: :low)}
  def large(), do: {Nx.variance(Nx.divide(Nx.iota({20_000}, type: :f64), 1000)), Nx.argmax(Nx.negate(Nx.abs(Nx.subtract(Nx.iota({20_000}), 12_345))))}
end
# CALL: NxhStats.var_all(Nx.tensor([1.0, 2.0, 3.0, 4.0]))
# CALL: NxhStats.var_all(Nx.tensor([1.0, 2.0, 3.0, 4.0], type: :f64))
# CALL: NxhStats.var_all(Nx.tensor([[1, 2], [3, 5]]))
# CALL: NxhStats.var_all(Nx.tensor([2, 7, 1, 8, 2, 8], type: :s64))
# CALL: NxhStats.var_axes(Nx.tensor([[1.0, 2.0, 4.0], [3.0, 5.0, 9.0]]))
# CALL: NxhStats.var_axes(Nx.tensor([[1, 2, 4], [3, 5, 9]], type: :s64))
# CALL: NxhStats.var_ddof_axes(Nx.tensor([[1.0, 2.0, 4.0], [3.0, 5.0, 9.0]], type: :f64))
# CALL: NxhStats.lse(Nx.tensor([[1.0, 2.0, 3.0], [0.5, -1.0, 2.0]]))
# CALL: NxhStats.lse(Nx.tensor([[1.0, 2.0, 3.0], [0.5, -1.0, 2.0]], type: :f64))
# CALL: NxhStats.lse(Nx.tensor([[1, 2], [3, 4]]))
# CALL: NxhStats.lse_big()
# CALL: NxhStats.lse_rank1(Nx.tensor([-1.0, 0.0, 1.0]))
# CALL: NxhStats.arg(Nx.tensor([3, 1, 4, 1, 5, 9, 2, 6]))
# CALL: NxhStats.arg(Nx.tensor([[3.0, 1.0], [4.0, -1.5]]))
# CALL: NxhStats.arg(Nx.tensor([2.5, 0.5], type: :f64))
# CALL: NxhStats.arg_axis(Nx.tensor([[3, 1, 4], [1, 5, 9], [2, 6, 5]]))
# CALL: NxhStats.arg_axis(Nx.tensor([[3.0, 1.0, 4.0], [1.0, 5.0, 9.0]], type: :f64))
# CALL: NxhStats.arg_type(Nx.tensor([[1, 9], [7, 3]], type: :s64))
# CALL: NxhStats.arg_ties(Nx.tensor([[1, 7, 7], [2, 2, 0]]))
# CALL: NxhStats.arg_ties(Nx.tensor([[5.0, 5.0], [5.0, 5.0]]))
# CALL: NxhStats.large()
