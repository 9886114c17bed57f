# Gradients of dot/2 at every rank pair of the subset (scalar, vector,
# matrix, rank 3) and of dot/4 with explicit contraction axes; the rule is
# Nx 0.9's (dot of g with the other operand over the kept axes, then a
# transpose back), so each result is exact f32 sums like the forward dot.
defmodule GradDot do
  import Nx.Defn

  defn d2(a, b), do: grad({a, b}, fn {a, b} -> Nx.sum(Nx.dot(a, b) * Nx.dot(a, b)) end)
  defn d2_lin(a, b), do: grad({a, b}, fn {a, b} -> Nx.sum(Nx.dot(a, b)) end)
  defn d4(a, b), do: grad({a, b}, fn {a, b} -> Nx.sum(Nx.exp(Nx.dot(a, [0], b, [0]))) end)
  defn d4_two(a, b), do: grad({a, b}, fn {a, b} -> Nx.sum(Nx.dot(a, [1, 0], b, [0, 1]) * 3) end)
  defn d4_rank3(a, b), do: grad({a, b}, fn {a, b} -> Nx.sum(Nx.tanh(Nx.dot(a, [2], b, [1]))) end)
  defn outer_g(a, b), do: grad({a, b}, fn {a, b} -> Nx.sum(Nx.outer(a, b) * Nx.outer(a, b)) end)
  defn linear(x, w, b), do: grad({w, b}, fn {w, b} -> Nx.sum(Nx.sigmoid(Nx.dot(x, w) + b)) end)
end
# CALL: GradDot.d2(Nx.tensor(2.0), Nx.tensor([1.0, -1.0, 0.5]))
# CALL: GradDot.d2(Nx.tensor([1.0, 2.0, 3.0]), Nx.tensor([0.5, -1.0, 2.0]))
# CALL: GradDot.d2(Nx.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]), Nx.tensor([0.5, -1.0, 2.0]))
# CALL: GradDot.d2(Nx.tensor([0.5, -1.0]), Nx.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]))
# CALL: GradDot.d2(Nx.tensor([[1.0, 2.0], [3.0, 4.0]]), Nx.tensor([[0.5, 0.0, -1.0], [1.0, 2.0, 0.25]]))
# CALL: GradDot.d2(Nx.tensor([[1.0, 2.0], [3.0, 4.0]], type: :f64), Nx.tensor([[0.1, 0.2], [0.3, 0.4]], type: :f64))
# CALL: GradDot.d2_lin(Nx.iota({2, 2, 3}, type: :f32), Nx.tensor([[1.0, 0.0], [0.5, 2.0], [-1.0, 1.0]]))
# CALL: GradDot.d2_lin(Nx.tensor([[1.0, -1.0], [2.0, 0.5]]), Nx.iota({2, 2, 3}, type: :f32))
# CALL: GradDot.d2_lin(Nx.tensor([1, 2]), Nx.tensor([[1.0, 2.0], [3.0, 4.0]]))
# CALL: GradDot.d4(Nx.tensor([[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]]), Nx.tensor([[1.0], [0.0], [-1.0]]))
# CALL: GradDot.d4_two(Nx.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]), Nx.tensor([[1.0, 0.5], [2.0, 1.5], [3.0, 2.5]]))
# CALL: GradDot.d4_rank3(Nx.divide(Nx.iota({2, 2, 3}, type: :f32), 10), Nx.tensor([[0.5, 1.0, -1.0], [0.0, 2.0, 1.0]]))
# CALL: GradDot.outer_g(Nx.tensor([1.0, 2.0]), Nx.tensor([3.0, -1.0, 0.5]))
# CALL: GradDot.linear(Nx.tensor([[1.0, 2.0], [3.0, 4.0], [-1.0, 0.5]]), Nx.tensor([[0.1, -0.2], [0.3, 0.4]]), Nx.tensor([0.5, -0.5]))
