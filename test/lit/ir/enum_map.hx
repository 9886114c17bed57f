# RUN: %hastec check %s --emit=ir -O0 | FileCheck %s
# Enum.map(xs, f) is a `map` node: the source, then the lambda instantiated
# at the element type.

defmodule EMap do
  @spec ints(integer()) :: [integer()]
  def ints(n), do: Enum.map(1..n, fn x -> x * 2 end)

  @spec to_floats([integer()]) :: [float()]
  def to_floats(xs), do: Enum.map(xs, fn x -> x / 2 end)

  @spec piped(integer()) :: [boolean()]
  def piped(n), do: 1..n |> Enum.map(fn x -> x > 3 end)
end

# CHECK-LABEL: entry EMap.ints/1(integer) as EMap_ints
# CHECK-SAME:  ([[N:n%[0-9]+]]: integer) -> [integer]
# CHECK-NEXT:    map : [integer]
# CHECK-NEXT:      range : [integer]
# CHECK-NEXT:        1
# CHECK-NEXT:        [[N]]
# CHECK-NEXT:      fn [[X:x%[0-9]+]]: integer ->
# CHECK-NEXT:        mul([[X]], 2)
# CHECK-EMPTY:
# CHECK-LABEL: entry EMap.to_floats/1([integer]) as EMap_to_floats
# CHECK-SAME:  ([[XS:xs%[0-9]+]]: [integer]) -> [float]
# CHECK-NEXT:    map : [float]
# CHECK-NEXT:      [[XS]]
# CHECK-NEXT:      fn [[X:x%[0-9]+]]: integer ->
# CHECK-NEXT:        fdiv(cast<float>([[X]]), 2.0)
# CHECK-EMPTY:
# CHECK-LABEL: entry EMap.piped/1(integer) as EMap_piped
# CHECK-SAME:  ([[N:n%[0-9]+]]: integer) -> [boolean]
# CHECK-NEXT:    map : [boolean]
# CHECK-NEXT:      range : [integer]
# CHECK-NEXT:        1
# CHECK-NEXT:        [[N]]
# CHECK-NEXT:      fn [[X:x%[0-9]+]]: integer ->
# CHECK-NEXT:        gt([[X]], 3)
