# RUN: %hastec run %s -e 'NarrowPat.z(0)' | FileCheck %s --check-prefix=Z
# RUN: %hastec run %s -e 'NarrowPat.h(0.5)' | FileCheck %s --check-prefix=H
# RUN: timeout 20 %hastec run %s -e 'NarrowPat.count(5)' | FileCheck %s --check-prefix=COUNT
#
# A literal pattern never matches a narrow-typed (Hx.i32 / Hx.f32) value:
# frontend/Sema.cpp match() compares the literal's type (integer, float)
# with the value's type (i32, f32) exactly, so `def z(0)` against an
# Hx.i32() argument is `false` at compile time. z(0) gives 2 (Elixir: 1);
# a countdown `defp loop(0, acc)` over Hx.i32 never stops (it overflowed
# the stack before self tail calls became jumps; now it loops forever, so
# count/1 runs under `timeout`). Found while writing
# codegen/tail_call_loops.hx. Fix: a literal of the wider type matches the
# narrow value (converted); a pin has the same exact-type check.
# Elixir prints 1, 1 and 5.

defmodule NarrowPat do
  @spec z(Hx.i32()) :: integer()
  def z(0), do: 1
  def z(_), do: 2

  @spec h(Hx.f32()) :: integer()
  def h(0.5), do: 1
  def h(_), do: 2

  @spec count(Hx.i32()) :: integer()
  def count(n), do: loop(n, 0)

  @spec loop(Hx.i32(), integer()) :: integer()
  defp loop(0, acc), do: acc
  defp loop(n, acc), do: loop(n - 1, acc + 1)
end

# Z: {{^}}1{{$}}
# H: {{^}}1{{$}}
# COUNT: {{^}}5{{$}}
