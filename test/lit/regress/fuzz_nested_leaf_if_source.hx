# RUN: %hastec run %s -e 'NestedLeafIf.f([1, 2], true)' 2>&1 | FileCheck %s
#
# Found by the differential fuzzer (test/fuzz). The list that Enum.map reads
# is an `if` whose branch runs another Enum.map; evaluating that leaf runs a
# parallel loop, which drops the outer loop's leaf log (see
# fuzz_nested_leaf_take_count.hx): std::out_of_range (__n 0 >= size 0).
# The same happens through an inlined multi-clause helper or a case.
# Elixir prints [4, 6].

defmodule NestedLeafIf do
  @spec f([integer()], boolean()) :: [integer()]
  def f(xs, c) do
    Enum.map(if(c, do: Enum.map(xs, fn x -> x + 1 end), else: xs), fn y -> y * 2 end)
  end
end

# CHECK: {{^}}[4, 6]{{$}}
# CHECK-NOT: error
