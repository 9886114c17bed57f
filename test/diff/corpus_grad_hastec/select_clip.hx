# hastec subset of test/diff/corpus_grad/select_clip.hx (same module, same
# functions). sel_scalar_branch takes its predicate as an s32 tensor here
# (select picks on nonzero, as for u8): hastec takes no u8 arguments yet.
# clip3 is a known difference (known_differences.txt).
# Gradients through max/min, select, clip and stop_grad, with Nx 0.9's tie
# rules (Nx.Defn.Grad): where max(x, y) or min(x, y) has x == y each side
# gets half of the gradient (so relu, max(x, 0), has gradient 0.5 at 0);
# select sends the gradient to the chosen branch and none to the predicate;
# clip passes the gradient only strictly inside (min, max) and, as Nx 0.9's
# rule multiplies g by a mask holding g, gives g * g there (the true
# gradient when g is 1); stop_grad blocks the gradient.
defmodule GradSelect do
  import Nx.Defn

  defn max_g(a, b), do: grad({a, b}, fn {a, b} -> Nx.sum(Nx.max(a, b) * 2) end)
  defn min_g(a, b), do: grad({a, b}, fn {a, b} -> Nx.sum(Nx.min(a, b)) end)
  defn relu(x), do: grad(x, fn x -> Nx.sum(max(x, 0)) end)
  defn leaky(x), do: grad(x, fn x -> Nx.sum(Nx.max(x, x * 0.1)) end)
  defn sel(x, y), do: grad({x, y}, fn {x, y} -> Nx.sum(Nx.select(x > 0, x * y, y * 3)) end)
  defn sel_scalar_branch(p, x, s), do: grad({x, s}, fn {x, s} -> Nx.sum(Nx.select(p, x, s)) end)
  defn clip1(x), do: grad(x, fn x -> Nx.sum(Nx.clip(x, -1.0, 1.0)) end)
  defn clip3(x), do: grad(x, fn x -> Nx.sum(Nx.clip(x, -1.0, 1.0) * 3) end)
  defn clip_bounds(x, lo, hi), do: grad({x, lo, hi}, fn {x, lo, hi} -> Nx.sum(Nx.clip(x, lo, hi)) end)
  defn stop(x), do: grad(x, fn x -> Nx.sum(stop_grad(x * x) + x * stop_grad(x)) end)
  defn hinge(w, x, y), do: value_and_grad(w, fn w -> Nx.mean(Nx.max(0, 1 - y * Nx.dot(x, w))) end)
end
# CALL: GradSelect.max_g(Nx.tensor([1.0, 5.0, 3.0]), Nx.tensor([2.0, 4.0, 3.0]))
# CALL: GradSelect.max_g(Nx.tensor([[1.0, 2.0], [3.0, 4.0]]), Nx.tensor([2.0, 2.0]))
# CALL: GradSelect.min_g(Nx.tensor([1.0, 5.0, 3.0], type: :f64), Nx.tensor(3.0, type: :f64))
# CALL: GradSelect.relu(Nx.tensor([-2.0, -0.0, 0.0, 0.5, 3.0]))
# CALL: GradSelect.leaky(Nx.tensor([-2.0, 0.0, 3.0]))
# CALL: GradSelect.sel(Nx.tensor([-1.0, 0.0, 2.0]), Nx.tensor([4.0, 5.0, 6.0]))
# CALL: GradSelect.sel_scalar_branch(Nx.tensor([[1, 0], [0, 1]], type: :s32), Nx.tensor([[1.0, 2.0], [3.0, 4.0]]), Nx.tensor(7.0))
# CALL: GradSelect.sel_scalar_branch(Nx.tensor(0, type: :s32), Nx.tensor([1.0, 2.0]), Nx.tensor(7.0))
# CALL: GradSelect.clip1(Nx.tensor([-2.0, -1.0, -0.5, 0.0, 1.0, 1.5]))
# CALL: GradSelect.clip3(Nx.tensor([-2.0, -1.0, -0.5, 0.0, 1.0, 1.5]))
# CALL: GradSelect.clip_bounds(Nx.tensor([-3.0, 0.5, 2.0, 4.0]), Nx.tensor(-1.0), Nx.tensor(3.0))
# CALL: GradSelect.stop(Nx.tensor([1.0, 2.0, 3.0]))
# CALL: GradSelect.hinge(Nx.tensor([0.5, -0.25]), Nx.tensor([[1.0, 2.0], [2.0, -1.0], [0.0, 4.0]]), Nx.tensor([1.0, -1.0, 1.0]))
