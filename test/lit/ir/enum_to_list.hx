# RUN: %hastec check %s --emit=ir -O0 | FileCheck %s
# Enum.to_list/1 is the identity on lists; a range becomes a list value
# through an identity map (which fuses away).

defmodule EToList do
  @spec r(integer()) :: [integer()]
  def r(n), do: Enum.to_list(1..n)
end

# CHECK-LABEL: entry EToList.r/1(integer) as EToList_r
# CHECK-SAME:  ([[N:n%[0-9]+]]: integer) -> [integer]
# CHECK-NEXT:    map : [integer]
# CHECK-NEXT:      range : [integer]
# CHECK-NEXT:        1
# CHECK-NEXT:        [[N]]
# CHECK-NEXT:      fn [[X:x%[0-9]+]]: integer ->
# CHECK-NEXT:        [[X]]
# CHECK-EMPTY:
