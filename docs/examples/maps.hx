# CALL: Maps.mk(3)
# EXPECT: %{a: 3, b: 1.5, w: [1.5, 2.5]}
# CALL: Maps.upd(Maps.mk(7))
# EXPECT: %{a: 8, b: 7.0, w: [1.5, 2.5]}
# CALL: Maps.pat(%{a: 1, w: [2.0, 3.0], extra: true})
# EXPECT: {1, 5.0}
# CALL: Maps.access(Maps.mk(2))
# EXPECT: {2, 1.0, [1.5, 2.5]}
defmodule Maps do
  def mk(a), do: %{w: [1.5, 2.5], b: a * 0.5, a: a}
  def upd(m), do: %{m | a: m.a + 1, b: m.b * 2}
  def pat(%{a: a, w: w}), do: {a, Enum.sum(w)}
  def access(m), do: {m[:a], Map.get(m, :b), Map.fetch!(m, :w)}
end
