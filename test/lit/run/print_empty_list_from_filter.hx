# RUN: %hastec run %s -e 'EmptyList.big(3)' | FileCheck %s
# RUN: %hastec run %s -e 'EmptyList.count_big(3)' | FileCheck %s --check-prefix=COUNT
# A filter that keeps nothing gives [] (and counts 0).

defmodule EmptyList do
  @spec big(integer()) :: [integer()]
  def big(n), do: Enum.filter(1..n, fn x -> x > 100 end)

  @spec count_big(integer()) :: integer()
  def count_big(n), do: Enum.count(1..n, fn x -> x > 100 end)
end

# CHECK: {{^}}[]{{$}}
# COUNT: {{^}}0{{$}}
