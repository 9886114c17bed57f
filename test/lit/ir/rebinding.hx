# RUN: %hastec check %s --emit=ir -O0 | FileCheck %s
# Rebinding `x = x + 1` makes a new variable: each let binds a fresh x%N and
# uses the previous one.

defmodule Rebind do
  @spec f(integer()) :: integer()
  def f(x) do
    x = x + 1
    x = x * 2
    x
  end
end

# CHECK-LABEL: entry Rebind.f/1(integer) as Rebind_f
# CHECK-SAME:  ([[X0:x%[0-9]+]]: integer) -> integer
# CHECK-NEXT:    let [[X1:x%[0-9]+]]: integer = add([[X0]], 1)
# CHECK-NEXT:    let [[X2:x%[0-9]+]]: integer = mul([[X1]], 2)
# CHECK-NEXT:    [[X2]]
# CHECK-NOT:     [[X0]]
