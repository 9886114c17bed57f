# defn/defnp with import Nx.Defn: the operators + - * / unary - and the
# comparisons on tensors and numbers, numbers passed in, defn calling defnp,
# tuples of tensors returned, and Nx functions inside defn.
defmodule NxhDefn do
  import Nx.Defn

  defn ops(a, b), do: {a + b, a - b, a * b, a / b, -a}
  defn cmps(a, b), do: {a == b, a != b, a < b, a <= b, a > b, a >= b}
  defn poly(x), do: x * x + 2 * x + 1
  defn poly_f(x), do: 0.5 * x * x - 1.5 * x + 0.25
  defn softmax(x), do: Nx.exp(x) / Nx.sum(Nx.exp(x))
  defn stable_softmax(x) do
    e = Nx.exp(x - Nx.reduce_max(x))
    e / Nx.sum(e)
  end
  defn logistic(x), do: 1 / (1 + Nx.exp(-x))
  defn relu(x), do: Nx.max(x, 0)
  defn leaky(x), do: Nx.select(x > 0, x, 0.01 * x)
  defn normalize(x), do: (x - Nx.mean(x)) / (Nx.reduce_max(x) - Nx.reduce_min(x))
  defn mse(a, b), do: Nx.mean((a - b) * (a - b))
  defn linear(w, x, b), do: Nx.dot(w, x) + b
  defn two(a, b), do: {helper(a), helper(b)}
  defnp helper(x), do: x * 2 - 1
  defn uses_private(x), do: helper(helper(x)) + 3
  defn with_number(x, k), do: x * k + k
  defn numbers_only(a, b), do: a * b + 1
  defn float_numbers(a, b), do: a / b
  defn nested(x), do: {x + 1, {x * 2, Nx.sum(x)}}
  defn int_div(a, b), do: a / b
end
# CALL: NxhDefn.ops(Nx.tensor([1.0, -2.0, 3.5]), Nx.tensor([2.0, 4.0, -0.5]))
# CALL: NxhDefn.ops(Nx.tensor([7, -8, 9]), Nx.tensor([2, 3, -4]))
# CALL: NxhDefn.ops(Nx.tensor([7, -8], type: :s64), Nx.tensor([2, 3], type: :s64))
# CALL: NxhDefn.ops(Nx.tensor([1.0, 2.0], type: :f64), 3)
# CALL: NxhDefn.ops(Nx.tensor([[1, 2], [3, 4]]), Nx.tensor([10, 20]))
# CALL: NxhDefn.ops(5, Nx.tensor([1.5, 2.5]))
# CALL: NxhDefn.cmps(Nx.tensor([1, 2, 3]), Nx.tensor([3, 2, 1]))
# CALL: NxhDefn.cmps(Nx.tensor([1.5, 2.0, :nan]), 2.0)
# CALL: NxhDefn.cmps(Nx.tensor([1, 2], type: :s64), Nx.tensor([1.5, 1.5], type: :f64))
# CALL: NxhDefn.cmps(Nx.tensor([[1], [2]]), Nx.tensor([1, 2, 3]))
# CALL: NxhDefn.poly(Nx.tensor([1, 2, 3]))
# CALL: NxhDefn.poly(Nx.tensor([1, 2, 3], type: :s64))
# CALL: NxhDefn.poly(Nx.tensor([0.5, -1.5]))
# CALL: NxhDefn.poly(Nx.tensor([0.5, -1.5], type: :f64))
# CALL: NxhDefn.poly(3)
# CALL: NxhDefn.poly(2.5)
# CALL: NxhDefn.poly_f(Nx.tensor([1, 2, 3]))
# CALL: NxhDefn.poly_f(Nx.tensor([1.0, 2.0, 3.0], type: :f64))
# CALL: NxhDefn.softmax(Nx.tensor([1.0, 2.0, 3.0]))
# CALL: NxhDefn.softmax(Nx.tensor([1.0, 2.0, 3.0], type: :f64))
# CALL: NxhDefn.softmax(Nx.tensor([[1, 2], [3, 4]]))
# CALL: NxhDefn.stable_softmax(Nx.tensor([1000.0, 1001.0, 1002.0]))
# CALL: NxhDefn.logistic(Nx.tensor([-1.0, 0.0, 1.0]))
# CALL: NxhDefn.logistic(Nx.tensor([-1.0, 0.0, 1.0], type: :f64))
# CALL: NxhDefn.relu(Nx.tensor([-1.5, 0.0, 2.5]))
# CALL: NxhDefn.relu(Nx.tensor([-1, 0, 2], type: :s64))
# CALL: NxhDefn.leaky(Nx.tensor([-1.5, 0.0, 2.5]))
# CALL: NxhDefn.leaky(Nx.tensor([-100, 5]))
# CALL: NxhDefn.normalize(Nx.tensor([1.0, 2.0, 4.0, 8.0]))
# CALL: NxhDefn.normalize(Nx.tensor([1, 2, 4, 8], type: :s64))
# CALL: NxhDefn.mse(Nx.tensor([1.0, 2.0, 3.0]), Nx.tensor([1.5, 2.0, 2.0]))
# CALL: NxhDefn.linear(Nx.tensor([[1.0, 2.0], [3.0, 4.0]]), Nx.tensor([0.5, -1.0]), Nx.tensor([0.25, 0.25]))
# CALL: NxhDefn.linear(Nx.tensor([[1, 2], [3, 4]]), Nx.tensor([[1], [1]]), 10)
# CALL: NxhDefn.two(Nx.tensor([1, 2]), Nx.tensor([0.5], type: :f64))
# CALL: NxhDefn.uses_private(Nx.tensor([1.0, 2.0]))
# CALL: NxhDefn.with_number(Nx.tensor([1, 2, 3]), 2)
# CALL: NxhDefn.with_number(Nx.tensor([1, 2, 3]), 0.5)
# CALL: NxhDefn.with_number(Nx.tensor([1.0, 2.0], type: :f64), 3)
# CALL: NxhDefn.numbers_only(3, 4)
# CALL: NxhDefn.numbers_only(1.5, 2)
# CALL: NxhDefn.float_numbers(1, 4)
# CALL: NxhDefn.float_numbers(1.0, 3.0)
# CALL: NxhDefn.nested(Nx.tensor([1, 2]))
# CALL: NxhDefn.int_div(Nx.tensor([7, 8], type: :s64), 2)
