# RUN: %hastec check %s --emit=ir | FileCheck %s
# An operation that would raise is never folded: div(1, 0), rem(1, 0) and
# 1.0 / 0.0 stay for run time, where they raise at their line.

defmodule NoFold do
  @spec d(integer()) :: integer()
  def d(x), do: x + div(1, 0)

  @spec r(integer()) :: integer()
  def r(x), do: x + rem(5, 0)

  @spec f(float()) :: float()
  def f(x), do: x + 1.0 / 0.0

  @spec i(integer()) :: float()
  def i(x), do: x + 1 / 0
end

# CHECK-LABEL: entry NoFold.d/1(integer) as NoFold_d
# CHECK-NEXT:    add(x%{{[0-9]+}}, div(1, 0))
# CHECK-LABEL: entry NoFold.r/1(integer) as NoFold_r
# CHECK-NEXT:    add(x%{{[0-9]+}}, rem(5, 0))
# CHECK-LABEL: entry NoFold.f/1(float) as NoFold_f
# CHECK-NEXT:    add(x%{{[0-9]+}}, fdiv(1.0, 0.0))
# CHECK-LABEL: entry NoFold.i/1(integer) as NoFold_i
# CHECK-NEXT:    add(cast<float>(x%{{[0-9]+}}), fdiv(1.0, 0.0))
