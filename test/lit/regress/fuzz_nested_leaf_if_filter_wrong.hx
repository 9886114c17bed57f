# RUN: %hastec run %s -e 'NestedLeafWrong.f([1, 2], true)' 2>&1 | FileCheck %s
#
# Found by the differential fuzzer (test/fuzz). Like
# fuzz_nested_leaf_if_source.hx, but with a filter in the branch hastec
# does not crash: the chunk replays the wrong leaf and the map is lost.
# Elixir prints [4]; hastec prints [2].

defmodule NestedLeafWrong do
  @spec f([integer()], boolean()) :: [integer()]
  def f(xs, c) do
    Enum.map(if(c, do: Enum.filter(xs, fn x -> x > 1 end), else: xs), fn y -> y * 2 end)
  end
end

# CHECK: {{^}}[4]{{$}}
