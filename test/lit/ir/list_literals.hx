# RUN: %hastec check %s --emit=ir -O0 | FileCheck %s
# A list literal is a `list : [T]` node with one child per element.

defmodule Lists do
  @spec ints(integer()) :: [integer()]
  def ints(x), do: [1, x, x + 1]

  @spec floats(float()) :: [float()]
  def floats(x), do: [1.5, x]

  @spec bools(integer()) :: [boolean()]
  def bools(x), do: [true, x > 0]
end

# CHECK-LABEL: entry Lists.ints/1(integer) as Lists_ints
# CHECK-SAME:  ([[X:x%[0-9]+]]: integer) -> [integer]
# CHECK-NEXT:    list : [integer]
# CHECK-NEXT:      1
# CHECK-NEXT:      [[X]]
# CHECK-NEXT:      add([[X]], 1)
# CHECK-EMPTY:
# CHECK-LABEL: entry Lists.floats/1(float) as Lists_floats
# CHECK-SAME:  ([[X:x%[0-9]+]]: float) -> [float]
# CHECK-NEXT:    list : [float]
# CHECK-NEXT:      1.5
# CHECK-NEXT:      [[X]]
# CHECK-EMPTY:
# CHECK-LABEL: entry Lists.bools/1(integer) as Lists_bools
# CHECK-SAME:  ([[X:x%[0-9]+]]: integer) -> [boolean]
# CHECK-NEXT:    list : [boolean]
# CHECK-NEXT:      true
# CHECK-NEXT:      gt([[X]], 0)
