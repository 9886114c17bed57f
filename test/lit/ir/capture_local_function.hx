# RUN: %hastec check %s --emit=ir -O0 | FileCheck %s
# &f/1 becomes a lambda that calls the specialised helper; the helper is a
# `func` (not an entry) keyed by its argument types.

defmodule CapLocal do
  @spec f(integer()) :: [integer()]
  def f(n), do: Enum.map(1..n, &double/1)

  defp double(x), do: x * 2
end

# CHECK-LABEL: entry CapLocal.f/1(integer) as CapLocal_f
# CHECK-SAME:  ([[N:n%[0-9]+]]: integer) -> [integer]
# CHECK-NEXT:    map : [integer]
# CHECK-NEXT:      range : [integer]
# CHECK-NEXT:        1
# CHECK-NEXT:        [[N]]
# CHECK-NEXT:      fn [[X:x%[0-9]+]]: integer ->
# CHECK-NEXT:        call CapLocal.double/1(integer)([[X]])
# CHECK-EMPTY:
# CHECK-NEXT:  func CapLocal.double/1(integer)
# CHECK-SAME:  ([[Y:x%[0-9]+]]: integer) -> integer
# CHECK-NEXT:    mul([[Y]], 2)
