# RUN: %hastec run %s -e 'NarrowDivRem.f([7, -8, 9, -7])' | FileCheck %s
# RUN: %hastec build --emit=llvm %s | FileCheck %s --check-prefix=IR
# rem/div of an Hx.i32 and a literal stay Hx.i32 (as + - * do), with
# Elixir's truncating semantics; an Hx.i32 with a 64-bit integer widens.

defmodule NarrowDivRem do
  @spec f([Hx.i32()]) :: [Hx.i32()]
  def f(xs), do: Enum.map(xs, fn x -> rem(x, 3) * 10 + div(x, 2) end)

  @spec g([Hx.i32()], integer()) :: [integer()]
  def g(xs, k), do: Enum.map(xs, fn x -> rem(x, k) end)
end

# CHECK: [13, -24, 4, -13]
# IR: srem <{{[0-9]+}} x i32>
