# RUN: %hastec run %s -e 'NestedLeafTake.f([1, 2])' 2>&1 | FileCheck %s
#
# Found by the differential fuzzer (test/fuzz). A parallel loop records the
# "leaves" of its source (values computed before the loop: here the count
# of Enum.take) and replays them in the chunk function. When a leaf itself
# runs a parallel loop (the Enum.sum), the inner loop resets the leaf log
# (leaf_log_ = nullptr instead of restoring the outer one), the outer leaf
# is not recorded, and codegen aborts:
#   terminate called after throwing an instance of 'std::out_of_range'
#   vector::_M_range_check: __n (which is 1) >= this->size() (which is 1)
# -O0 (no parallel loops) compiles it. Elixir prints [1, 2].

defmodule NestedLeafTake do
  @spec f([integer()]) :: [integer()]
  def f(xs), do: Enum.take(xs, Enum.sum(xs))
end

# CHECK: {{^}}[1, 2]{{$}}
# CHECK-NOT: error
