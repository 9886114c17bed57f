# Numerical definitions: inside defn the operators are Nx functions
# (Nx.Defn.Kernel) and number arguments become tensors.
defmodule NxDefn do
  import Nx.Defn

  defn softmax(t), do: Nx.exp(t) / Nx.sum(Nx.exp(t))
  defn affine(x, w, b), do: Nx.dot(x, w) + b
  defn scaled(x), do: x * 2 - 1
  defn neg(x), do: -x
  defn compare(a, b), do: {a > b, a == b, a <= b, a != b}
  defn logic(a, b), do: {a and b, a or b, not a}
  defn powers(x), do: x ** 2 + rem(x, 3)
  defn minmax(a, b), do: {max(a, b), min(a, b)}
  defn constant(_x), do: 1 + 2
  defn mixed(x), do: x / 2 + 0.5
  defn relu(x), do: Nx.max(x, 0)
  defn mse(a, b), do: Nx.mean((a - b) * (a - b))
  defn layer(x, w), do: x |> Nx.dot(w) |> Nx.sigmoid() |> Nx.sum(axes: [1])
  defn uses_private(x), do: helper(x) + 1
  defnp helper(x), do: x * 10
  defn with_default(x, y \\ 3), do: x * y
  defn tuple_arg({a, b}), do: a - b
  defn branch(x), do: if(x > 0, do: x, else: -x)
end
# CALL: NxDefn.softmax(Nx.tensor([1.0, 2.0, 3.0]))
# CALL: NxDefn.softmax(Nx.tensor([[1, 2], [3, 4]]))
# CALL: NxDefn.affine(Nx.tensor([[1.0, 2.0]]), Nx.tensor([[1.0], [0.5]]), 0.25)
# CALL: NxDefn.scaled(3)
# CALL: NxDefn.scaled(Nx.tensor([1.5, 2.5]))
# CALL: NxDefn.neg(5)
# CALL: NxDefn.neg(Nx.tensor([1, -2], type: :u8))
# CALL: NxDefn.compare(Nx.tensor([1, 2, 3]), 2)
# CALL: NxDefn.logic(Nx.tensor([0, 1, 2]), Nx.tensor([1, 0, 3]))
# CALL: NxDefn.powers(Nx.tensor([4, 5, 6]))
# CALL: NxDefn.minmax(Nx.tensor([1.0, 5.0]), Nx.tensor([3, 3]))
# CALL: NxDefn.constant(1)
# CALL: NxDefn.mixed(3)
# CALL: NxDefn.relu(Nx.tensor([-1.5, 0.0, 2.5]))
# CALL: NxDefn.mse(Nx.tensor([1.0, 2.0, 3.0]), Nx.tensor([1.5, 2.0, 2.0]))
# CALL: NxDefn.layer(Nx.iota({2, 3}, type: :f32), Nx.tensor([[0.1, -0.2], [0.3, 0.0], [-0.5, 0.25]]))
# CALL: NxDefn.uses_private(Nx.tensor([1, 2]))
# CALL: NxDefn.with_default(2)
# CALL: NxDefn.with_default(2, 0.5)
# CALL: NxDefn.tuple_arg({Nx.tensor(5), 2})
# CALL: NxDefn.branch(Nx.tensor(3))
# CALL: NxDefn.softmax([1, 2])
