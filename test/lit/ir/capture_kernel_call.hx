# RUN: %hastec check %s --emit=ir -O0 | FileCheck %s
# &rem(&1, 3) captures a Kernel function with a fixed argument: rem inline.

defmodule CapRem do
  @spec f(integer()) :: [integer()]
  def f(n), do: Enum.map(1..n, &rem(&1, 3))
end

# CHECK-LABEL: entry CapRem.f/1(integer) as CapRem_f
# CHECK-SAME:  ([[N:n%[0-9]+]]: integer) -> [integer]
# CHECK-NEXT:    map : [integer]
# CHECK-NEXT:      range : [integer]
# CHECK-NEXT:        1
# CHECK-NEXT:        [[N]]
# CHECK-NEXT:      fn [[X:x%[0-9]+]]: integer ->
# CHECK-NEXT:        rem([[X]], 3)
# CHECK-NOT:   call
