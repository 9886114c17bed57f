# XFAIL: *
# RUN: %hastec run %s -e 'TupleList.f(2)' 2>&1 | FileCheck %s
# A map producing tuples gives a list of tuples, printed as Elixir does.
# BUG: it compiles, then aborts at run time with "hastec internal error:
# hxrt_alloc: unknown array kind" (exit 134): codegen has no array kind for
# tuple elements.

defmodule TupleList do
  @spec f(integer()) :: [{integer(), float()}]
  def f(n), do: Enum.map(1..n, fn i -> {i, i * 0.5} end)
end

# CHECK:     {{^}}[{1, 0.5}, {2, 1.0}]{{$}}
# CHECK-NOT: internal error
