# RUN: %hastec check %s --emit=ir --stop-after=cse | FileCheck %s
# The same text under different bindings of a name is not the same
# expression: `x + 1` after `x = n * 3` reads another variable than the one
# before, and a lambda's parameter x is not the function's x.

defmodule CseRebind do
  @spec f(integer()) :: integer()
  def f(n) do
    x = n * 2
    a = x + 1
    x = n * 3
    b = x + 1
    a * b
  end

  @spec g(integer()) :: integer()
  def g(x) do
    x * x + Enum.sum(Enum.map(1..10, fn x -> x * x end))
  end
end

# CHECK-LABEL: entry CseRebind.f/1(integer) as CseRebind_f
# CHECK-NOT:     cse%
# CHECK:         let [[X1:x%[0-9]+]]: integer = mul(n%{{[0-9]+}}, 2)
# CHECK-NEXT:    let [[A:a%[0-9]+]]: integer = add([[X1]], 1)
# CHECK-NEXT:    let [[X2:x%[0-9]+]]: integer = mul(n%{{[0-9]+}}, 3)
# CHECK-NEXT:    let [[B:b%[0-9]+]]: integer = add([[X2]], 1)
# CHECK-NEXT:    mul([[A]], [[B]])

# CHECK-LABEL: entry CseRebind.g/1(integer) as CseRebind_g
# CHECK-SAME:  ([[X:x%[0-9]+]]: integer)
# CHECK-NOT:     cse%
# CHECK:         mul([[X]], [[X]])
# CHECK:           fn [[P:x%[0-9]+]]: integer ->
# CHECK-NEXT:        mul([[P]], [[P]])
# CHECK-NOT:     cse%
