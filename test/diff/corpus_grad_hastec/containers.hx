# hastec subset of test/diff/corpus_grad/containers.hx (same module, the
# functions unchanged). Left out: no_grad (argmax of a parameter,
# test/lit/grad/bug_argmax_no_grad.hx; and no Nx.is_nan yet), quot (no
# Nx.quotient / div on tensors), nested_grad and the calls of
# Nx.Defn.Kernel.grad from -e (errors that hastec reports at compile time,
# test/lit/grad/errors.hx).
# grad and value_and_grad on containers (Nx 0.9, Nx.Defn.Kernel): the
# gradient has the shape of the data (a tensor, a number, a tuple or an
# atom-key map of tensors, possibly nested); value_and_grad/3 takes the
# gradient of transform(value) and returns the untransformed value. No
# gradient flows through iota, argmax, comparisons, is_nan or stop_grad; a
# parameter the result does not depend on gets f32 zeros. Errors: quotient,
# a non-container, a function of the wrong arity, nested grad.
defmodule GradContainers do
  import Nx.Defn

  defn tuple_g(a, b), do: grad({a, b}, fn {a, b} -> Nx.sum(a * b + a) end)
  defn map_g(p, x), do: grad(p, fn p -> Nx.sum(Nx.dot(x, p.w) + p.b) end)
  defn nested(p), do: grad(p, fn {a, %{b: b, c: {c, d}}} -> Nx.sum(a * b * c * d) end)
  defn number_data(x), do: grad(2.0, fn s -> Nx.sum(x * s * s) end)
  defn unused(a, b), do: grad({a, b}, fn {_a, b} -> Nx.sum(b * b) end)
  defn constant_fn(a), do: grad(a, fn _a -> 3.0 end)
  defn vg(p), do: value_and_grad(p, fn %{x: x, y: y} -> Nx.sum(x * y) end)
  defn vg3(x), do: value_and_grad(x, fn x -> {Nx.sum(x * x), Nx.reduce_max(x)} end, fn {l, _} -> l end)
  defn partial_stop(p), do: grad(p, fn {a, b} -> Nx.sum(a * stop_grad(b) + stop_grad(a) * b * b) end)
  defn twice(x), do: {grad(x, fn x -> Nx.sum(x ** 3) end), grad(x, fn x -> Nx.sum(Nx.exp(x)) end)}
end
# CALL: GradContainers.tuple_g(Nx.tensor([1.0, 2.0]), Nx.tensor([3.0, 4.0]))
# CALL: GradContainers.map_g(%{w: Nx.tensor([[1.0], [2.0]]), b: Nx.tensor([0.5])}, Nx.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]))
# CALL: GradContainers.nested({Nx.tensor(2.0), %{b: Nx.tensor([1.0, 2.0]), c: {Nx.tensor(3.0, type: :f64), Nx.tensor([[1.0], [2.0]])}}})
# CALL: GradContainers.number_data(Nx.tensor([1.0, 2.0]))
# CALL: GradContainers.unused(Nx.tensor([1.0, 2.0], type: :f64), Nx.tensor(3.0))
# CALL: GradContainers.constant_fn(Nx.tensor([[1.0, 2.0]], type: :f64))
# CALL: GradContainers.vg(%{x: Nx.tensor([1.0, 2.0]), y: Nx.tensor([3.0, 4.0])})
# CALL: GradContainers.vg3(Nx.tensor([1.0, -3.0, 2.0]))
# CALL: GradContainers.partial_stop({Nx.tensor([1.0, 2.0]), Nx.tensor([3.0, 4.0])})
# CALL: GradContainers.twice(Nx.tensor([0.0, 1.0]))
