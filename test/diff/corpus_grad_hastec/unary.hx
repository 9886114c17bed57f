# A copy of test/diff/corpus_grad/unary.hx (hastec compiles all of it; keep
# the two in step); log_g at 0 and -1 is a known difference
# (known_differences.txt).
# Gradients of the element-wise functions: exp log sqrt tanh sigmoid abs
# (at 0 abs takes +g), as_type (the gradient keeps the type it has on the
# way back), and chains of them (the chain rule on the tape).
defmodule GradUnary do
  import Nx.Defn

  defn exp_g(x), do: grad(x, fn x -> Nx.sum(Nx.exp(x) * 2) end)
  defn log_g(x), do: grad(x, fn x -> Nx.sum(Nx.log(x)) end)
  defn sqrt_g(x), do: grad(x, fn x -> Nx.sum(Nx.sqrt(x)) end)
  defn tanh_g(x), do: grad(x, fn x -> Nx.sum(Nx.tanh(x)) end)
  defn sigmoid_g(x), do: grad(x, fn x -> Nx.sum(Nx.sigmoid(x)) end)
  defn abs_g(x), do: grad(x, fn x -> Nx.sum(Nx.abs(x) * x) end)
  defn as_type_g(x), do: grad(x, fn x -> Nx.sum(Nx.as_type(x, :f64) * 3) end)
  defn as_type_down(x), do: grad(x, fn x -> Nx.sum(Nx.as_type(x, :f32) * x) end)
  defn as_type_int(x), do: grad(x, fn x -> Nx.sum(Nx.as_type(x, :s32) * 2) end)
  defn chain(x), do: grad(x, fn x -> Nx.sum(Nx.log(Nx.sigmoid(Nx.tanh(x) * 2) + 1)) end)
  defn softplus(x), do: value_and_grad(x, fn x -> Nx.sum(Nx.log(1 + Nx.exp(x))) end)
  defn sin_like(x), do: grad(x, fn x -> Nx.sum(Nx.sqrt(x * x + 1) * Nx.exp(-x)) end)
end
# CALL: GradUnary.exp_g(Nx.tensor([-1.0, 0.0, 1.0, 2.5]))
# CALL: GradUnary.exp_g(Nx.tensor([[0.5]], type: :f64))
# CALL: GradUnary.log_g(Nx.tensor([0.5, 1.0, 3.0]))
# CALL: GradUnary.log_g(Nx.tensor([0.0, -1.0]))
# CALL: GradUnary.sqrt_g(Nx.tensor([0.25, 1.0, 9.0]))
# CALL: GradUnary.sqrt_g(Nx.tensor([2.0], type: :f64))
# CALL: GradUnary.tanh_g(Nx.tensor([-2.0, 0.0, 0.5, 10.0]))
# CALL: GradUnary.sigmoid_g(Nx.tensor([-3.0, 0.0, 1.0, 20.0]))
# CALL: GradUnary.sigmoid_g(Nx.tensor([0.5, -0.5], type: :f64))
# CALL: GradUnary.abs_g(Nx.tensor([-2.0, 0.0, 1.5]))
# CALL: GradUnary.as_type_g(Nx.tensor([1.0, 2.0]))
# CALL: GradUnary.as_type_down(Nx.tensor([0.1, 0.2], type: :f64))
# CALL: GradUnary.as_type_int(Nx.tensor([1.7, -2.2]))
# CALL: GradUnary.chain(Nx.tensor([-1.0, 0.0, 0.3, 2.0]))
# CALL: GradUnary.softplus(Nx.tensor([-2.0, 0.0, 3.0]))
# CALL: GradUnary.sin_like(Nx.tensor([[0.5, -1.0], [2.0, 0.0]], type: :f64))
