# RUN: %hastec run %s -e 'Maps.mk()' | FileCheck %s --check-prefix=MK
# RUN: %hastec run %s -e 'Maps.upd(Maps.mk())' | FileCheck %s --check-prefix=UPD
# RUN: %hastec run %s -e 'Maps.pat(Maps.mk())' | FileCheck %s --check-prefix=PAT
# RUN: %hastec run %s -e 'Maps.access(Maps.mk())' | FileCheck %s --check-prefix=ACC
# RUN: %hastec run %s -e 'Maps.nested()' | FileCheck %s --check-prefix=NEST
# RUN: not %hastec run %s -e 'Maps.missing(Maps.mk())' 2>&1 | FileCheck %s --check-prefix=MISS
# Maps with atom keys: literals, m.k, %{m | k: v}, m[:k], Map.get/2,
# patterns; printed in key order as Elixir prints small maps.

defmodule Maps do
  def mk(), do: %{w: [1.5, 2.5], b: 0.5, a: 3}
  # MK: %{a: 3, b: 0.5, w: [1.5, 2.5]}

  def upd(m), do: %{m | a: m.a + 1, b: m.b * 2}
  # UPD: %{a: 4, b: 1.0, w: [1.5, 2.5]}

  def pat(%{a: a, w: w}), do: {a, Enum.sum(w)}
  # PAT: {3, 4.0}

  def access(m), do: {m[:a], Map.get(m, :b), Map.fetch!(m, :w)}
  # ACC: {3, 0.5, [1.5, 2.5]}

  def nested(), do: {%{x: %{y: 1}, z: {2, %{q: true}}}, %{:k => 1}}
  # NEST: {%{x: %{y: 1}, z: {2, %{q: true}}}, %{k: 1}}

  def missing(m), do: m.c
  # MISS: maps.hx:[[@LINE-1]]:{{[0-9]+}}: error: key :c not found in a map of type %{a: integer, b: float, w: [float]}
end
