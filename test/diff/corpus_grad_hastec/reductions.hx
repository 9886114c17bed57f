# A copy of test/diff/corpus_grad/reductions.hx (hastec compiles all of it; keep
# the two in step).
# Gradients of the reductions: sum and mean (axes:, keep_axes:; the
# gradient is broadcast back over the reduced axes), reduce_max and
# reduce_min (Nx 0.9: the gradient is shared evenly by all elements equal to
# the extreme), logsumexp (composed of reduce_max, select, exp, sum, log and
# add, so its gradient is the softmax up to rounding), variance,
# standard_deviation and product.
defmodule GradReduce do
  import Nx.Defn

  defn sum_all(x), do: grad(x, fn x -> Nx.sum(x * x) end)
  defn sum_axis(x, w), do: grad(x, fn x -> Nx.sum(Nx.sum(x, axes: [1]) * w) end)
  defn sum_keep(x, w), do: grad(x, fn x -> Nx.sum(Nx.sum(x, axes: [0], keep_axes: true) * w) end)
  defn sum_axes3(x), do: grad(x, fn x -> Nx.sum(Nx.exp(Nx.sum(x, axes: [0, 2]))) end)
  defn mean_all(x), do: grad(x, fn x -> Nx.mean(x) end)
  defn mean_axis(x, w), do: grad(x, fn x -> Nx.sum(Nx.mean(x, axes: [-1], keep_axes: true) * w) end)
  defn max_all(x), do: grad(x, fn x -> Nx.reduce_max(x) end)
  defn max_axis(x), do: grad(x, fn x -> Nx.sum(Nx.reduce_max(x, axes: [1]) * Nx.tensor([1.0, 10.0])) end)
  defn min_keep(x), do: grad(x, fn x -> Nx.sum(Nx.reduce_min(x, axes: [0], keep_axes: true)) end)
  defn lse(x), do: grad(x, fn x -> Nx.logsumexp(x) end)
  defn lse_axis(x), do: grad(x, fn x -> Nx.sum(Nx.logsumexp(x, axes: [1]) * Nx.tensor([1.0, -2.0])) end)
  defn lse_keep(x), do: value_and_grad(x, fn x -> Nx.sum(Nx.logsumexp(x, axes: [0], keep_axes: true)) end)
  defn var(x), do: grad(x, fn x -> Nx.variance(x) end)
  defn std_axis(x), do: grad(x, fn x -> Nx.sum(Nx.standard_deviation(x, axes: [1])) end)
  defn prod(x), do: grad(x, fn x -> Nx.product(x) end)
  defn prod_axis(x), do: grad(x, fn x -> Nx.sum(Nx.product(x, axes: [1])) end)
end
# CALL: GradReduce.sum_all(Nx.tensor([[1.0, 2.0], [3.0, 4.0]]))
# CALL: GradReduce.sum_axis(Nx.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]), Nx.tensor([0.5, -2.0]))
# CALL: GradReduce.sum_keep(Nx.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], type: :f64), Nx.tensor([[1.0, 2.0, 3.0]], type: :f64))
# CALL: GradReduce.sum_axes3(Nx.divide(Nx.iota({2, 2, 2}, type: :f32), 10))
# CALL: GradReduce.mean_all(Nx.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]))
# CALL: GradReduce.mean_axis(Nx.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]), Nx.tensor([[3.0], [-6.0]]))
# CALL: GradReduce.max_all(Nx.tensor([[1.0, 7.0], [3.0, 4.0]]))
# CALL: GradReduce.max_all(Nx.tensor([[7.0, 7.0], [3.0, 7.0]]))
# CALL: GradReduce.max_axis(Nx.tensor([[1.0, 2.0, 2.0], [5.0, 4.0, 3.0]]))
# CALL: GradReduce.min_keep(Nx.tensor([[1.0, 2.0, 3.0], [1.0, 0.0, 4.0]], type: :f64))
# CALL: GradReduce.lse(Nx.tensor([1.0, 2.0, 3.0]))
# CALL: GradReduce.lse(Nx.tensor([[0.5, -1.0], [2.0, 0.0]], type: :f64))
# CALL: GradReduce.lse_axis(Nx.tensor([[1.0, 2.0, 3.0], [3.0, 3.0, 3.0]]))
# CALL: GradReduce.lse_keep(Nx.tensor([[1.0, 2.0], [-1.0, 0.5]]))
# CALL: GradReduce.var(Nx.tensor([1.0, 2.0, 4.0, 7.0]))
# CALL: GradReduce.std_axis(Nx.tensor([[1.0, 2.0, 4.0], [2.0, 2.0, 5.0]]))
# CALL: GradReduce.prod(Nx.tensor([2.0, 3.0, 4.0]))
# CALL: GradReduce.prod(Nx.tensor([2.0, 0.0, 4.0]))
# CALL: GradReduce.prod(Nx.tensor([0.0, 0.0, 4.0]))
# CALL: GradReduce.prod_axis(Nx.tensor([[1.0, 2.0], [0.0, 5.0]]))
