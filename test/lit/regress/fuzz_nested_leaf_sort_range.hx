# RUN: %hastec run %s -e 'NestedLeafSort.f(3)' 2>&1 | FileCheck %s
#
# Found by the differential fuzzer (test/fuzz). Enum.sort materialises its
# range with a parallel loop while it is being recorded as the leaf of the
# outer Enum.map's loop (see fuzz_nested_leaf_take_count.hx):
# std::out_of_range. Elixir prints [{1, 0}, {2, 0}, {3, 0}].

defmodule NestedLeafSort do
  @spec f(integer()) :: [{integer(), integer()}]
  def f(n), do: Enum.map(Enum.sort(1..n), fn x -> {x, 0} end)
end

# CHECK: {{^}}[{1, 0}, {2, 0}, {3, 0}]{{$}}
# CHECK-NOT: error
