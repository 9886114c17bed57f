# RUN: %hastec run %s -e 'FilterTake.f([1, 2, 3, 4])' 2>&1 | FileCheck %s
#
# Found by the differential fuzzer (test/fuzz). Take, drop, reverse, zip and
# with_index over a filter's result (also reject, Flow.filter, and a filter
# returned by an inlined helper) send codegen into endless recursion
# (materialise -> open_src -> leaf -> materialise, the filter chain is not
# indexable) and hastec dies with SIGSEGV. Bound to a variable first, it works.
# Elixir prints [2, 3].

defmodule FilterTake do
  @spec f([integer()]) :: [integer()]
  def f(xs), do: xs |> Enum.filter(fn x -> x > 1 end) |> Enum.take(2)
end

# CHECK: {{^}}[2, 3]{{$}}
