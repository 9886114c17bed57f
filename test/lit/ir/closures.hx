# RUN: %hastec check %s --emit=ir -O0 | FileCheck %s
# A lambda may use the enclosing function's parameters and let-bound
# variables directly: closures are free.

defmodule Closures do
  @spec add_k(integer(), integer()) :: [integer()]
  def add_k(n, k), do: Enum.map(1..n, fn x -> x + k end)

  @spec scaled(integer(), float()) :: float()
  def scaled(n, s) do
    t = s * 2
    Enum.reduce(1..n, 0.0, fn x, acc -> acc + x * t end)
  end
end

# CHECK-LABEL: entry Closures.add_k/2(integer,integer) as Closures_add_k
# CHECK-SAME:  ([[N:n%[0-9]+]]: integer, [[K:k%[0-9]+]]: integer) -> [integer]
# CHECK-NEXT:    map : [integer]
# CHECK-NEXT:      range : [integer]
# CHECK-NEXT:        1
# CHECK-NEXT:        [[N]]
# CHECK-NEXT:      fn [[X:x%[0-9]+]]: integer ->
# CHECK-NEXT:        add([[X]], [[K]])
# CHECK-EMPTY:
# CHECK-LABEL: entry Closures.scaled/2(integer,float) as Closures_scaled
# CHECK-SAME:  ([[N:n%[0-9]+]]: integer, [[S:s%[0-9]+]]: float) -> float
# CHECK-NEXT:    let [[T:t%[0-9]+]]: float = mul([[S]], 2.0)
# CHECK-NEXT:    reduce : float
# CHECK-NEXT:      range : [integer]
# CHECK-NEXT:        1
# CHECK-NEXT:        [[N]]
# CHECK-NEXT:      0.0
# CHECK-NEXT:      fn [[X:x%[0-9]+]]: integer, [[ACC:x%[0-9]+]]: float ->
# CHECK-NEXT:        add([[ACC]], mul(cast<float>([[X]]), [[T]]))
