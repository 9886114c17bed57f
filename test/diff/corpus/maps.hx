# Maps with atom keys: literals (printed in key order), field access,
# update, Access and Map.get/fetch!, patterns in heads and matches, maps in
# tuples and lists of numbers in maps, maps through recursion.
defmodule Maps do
  def mk(a), do: %{w: [1.5, 2.5], b: a * 0.5, a: a}
  def upd(m), do: %{m | a: m.a + 1, b: m.b * 2}
  def pat(%{a: a, w: w}), do: {a, Enum.sum(w)}
  def access(m), do: {m[:a], Map.get(m, :b), Map.fetch!(m, :w)}
  def nested(n), do: {%{x: %{y: n}, z: {2, %{q: n > 2}}}, %{:k => n * n}}
  def rebind(n) do
    %{x: x, y: y} = %{y: n, x: n + 1}
    x * 10 + y
  end
  def count(m, 0), do: m
  def count(m, n), do: count(%{m | hits: m.hits + n, last: n}, n - 1)
  def scale(m, k), do: %{m | w: Enum.map(m.w, fn x -> x * k end)}
  def clause(%{kind: 1, v: v}), do: v * 2
  def clause(%{v: v}), do: v
end
# CALL: Maps.mk(3)
# CALL: Maps.upd(Maps.mk(7))
# CALL: Maps.pat(Maps.mk(1))
# CALL: Maps.access(Maps.mk(2))
# CALL: Maps.nested(1)
# CALL: Maps.nested(5)
# CALL: Maps.rebind(4)
# CALL: Maps.count(%{hits: 0, last: -1}, 10)
# CALL: Maps.scale(Maps.mk(2), 3.0)
# CALL: Maps.clause(%{kind: 1, v: 21})
# CALL: Maps.clause(%{kind: 2, v: 21})
