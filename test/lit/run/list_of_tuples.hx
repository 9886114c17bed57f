# RUN: %hastec run %s -e 'TupleList.f(2)' 2>&1 | FileCheck %s
# A map producing tuples gives a list of tuples, printed as Elixir does
# (before d9ef5e7 this aborted with "hxrt_alloc: unknown array kind").

defmodule TupleList do
  @spec f(integer()) :: [{integer(), float()}]
  def f(n), do: Enum.map(1..n, fn i -> {i, i * 0.5} end)
end

# CHECK:     {{^}}[{1, 0.5}, {2, 1.0}]{{$}}
# CHECK-NOT: internal error
