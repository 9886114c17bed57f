# hastec subset of test/diff/corpus_grad/arith.hx (same module, same
# functions); left out: the call poly(2) (integer pow is not supported yet).
# Gradients of the arithmetic operators inside defn (Nx.Defn.Grad rules of
# Nx 0.9): add subtract multiply divide pow negate. A broadcast operand gets
# its gradient summed over the broadcast axes; the same variable on both
# sides (x + x, x * x) has its own rule; numbers carry no gradient; the
# gradient of an integer parameter is f32; an f64 parameter gets an f64
# gradient when f64 values meet the (f32) seed on the way back.
defmodule GradArith do
  import Nx.Defn

  defn add_sq(a, b), do: grad({a, b}, fn {a, b} -> Nx.sum((a + b) * (a + b)) end)
  defn sub_w(a, b, w), do: grad({a, b}, fn {a, b} -> Nx.sum((a - b) * w) end)
  defn mul(a, b), do: grad({a, b}, fn {a, b} -> Nx.sum(a * b * b) end)
  defn div(a, b), do: grad({a, b}, fn {a, b} -> Nx.sum(a / b) end)
  defn div_num(a), do: grad(a, fn a -> Nx.sum(3 / a + a / 4) end)
  defn pow_const(a), do: grad(a, fn a -> Nx.sum(a ** 3 + Nx.pow(a, 0.5)) end)
  defn pow_zero(a), do: grad(a, fn a -> Nx.sum(a ** 0) end)
  defn pow_tensor(a, b), do: grad({a, b}, fn {a, b} -> Nx.sum(a ** b) end)
  defn pow_base(a), do: grad(a, fn a -> Nx.sum(2 ** a) end)
  defn neg(a), do: grad(a, fn a -> Nx.sum(-a * a) end)
  defn same_add(a), do: grad(a, fn a -> Nx.sum((a + a) * a) end)
  defn same_mul(a), do: grad(a, fn a -> Nx.sum(a * a) end)
  defn scalar_param(s, x), do: grad(s, fn s -> Nx.sum(s * x + s) end)
  defn numbers(a), do: grad(a, fn a -> Nx.sum(2 * a - 1 + a * 0.5) end)
  defn poly(x), do: grad(x, fn x -> 3 * x ** 4 - 2 * x ** 2 + x end)
  defn value_poly(x), do: value_and_grad(x, fn x -> 3 * x ** 4 - 2 * x ** 2 + x end)
end
# CALL: GradArith.add_sq(Nx.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]), Nx.tensor([0.5, -1.0, 2.0]))
# CALL: GradArith.add_sq(Nx.tensor([[1.0], [2.0]]), Nx.tensor([[0.5, -1.0, 2.0]]))
# CALL: GradArith.sub_w(Nx.tensor([1.0, 2.0]), Nx.tensor(3.0), Nx.tensor([0.25, -4.0]))
# CALL: GradArith.sub_w(Nx.tensor([[1.0, 2.0]], type: :f64), Nx.tensor([[3.0], [4.0]], type: :f64), Nx.tensor([[0.5, 1.5], [2.5, 3.5]], type: :f64))
# CALL: GradArith.mul(Nx.tensor([1.5, -2.0, 0.5]), Nx.tensor([2.0, 3.0, -1.0]))
# CALL: GradArith.mul(Nx.tensor([[1.0, 2.0], [3.0, 4.0]]), Nx.tensor([0.1, 0.2]))
# CALL: GradArith.div(Nx.tensor([1.0, 2.0, 3.0]), Nx.tensor([4.0, -0.5, 0.3]))
# CALL: GradArith.div(Nx.tensor([1.0, 2.0, 3.0], type: :f64), Nx.tensor(0.3, type: :f64))
# CALL: GradArith.div_num(Nx.tensor([1.0, -2.0, 0.1]))
# CALL: GradArith.pow_const(Nx.tensor([0.25, 1.0, 4.0]))
# CALL: GradArith.pow_zero(Nx.tensor([0.0, 2.0]))
# CALL: GradArith.pow_tensor(Nx.tensor([0.0, 2.0, 1.5]), Nx.tensor([2.0, 3.0, 0.0]))
# CALL: GradArith.pow_tensor(Nx.tensor([1.5, 2.0], type: :f64), Nx.tensor(2.5, type: :f64))
# CALL: GradArith.pow_base(Nx.tensor([-1.0, 0.0, 1.0, 2.0]))
# CALL: GradArith.neg(Nx.tensor([1.0, -3.0]))
# CALL: GradArith.same_add(Nx.tensor([1.0, 2.0, -3.0]))
# CALL: GradArith.same_mul(Nx.tensor([1.0, 2.0, -3.0]))
# CALL: GradArith.same_mul(Nx.tensor([1, 2, -3]))
# CALL: GradArith.same_mul(Nx.tensor([0.1, 0.2], type: :f64))
# CALL: GradArith.scalar_param(Nx.tensor(2.0), Nx.tensor([[1.0, 2.0], [3.0, 4.0]]))
# CALL: GradArith.numbers(Nx.tensor([[1.0, 2.0], [3.0, 4.0]]))
# CALL: GradArith.numbers(Nx.tensor([1.0, 2.0], type: :f64))
# CALL: GradArith.poly(Nx.tensor(1.5))
# CALL: GradArith.value_poly(Nx.tensor(-0.5, type: :f64))
