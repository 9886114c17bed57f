# RUN: %hastec run %s -e 'InitFirst.range_sum(10, [1])' | FileCheck --check-prefix=RANGE %s
# RUN: %hastec run %s -e 'InitFirst.mapped(100000, [1])' | FileCheck --check-prefix=BIG %s
# RUN: not %hastec run %s -e 'InitFirst.mapped(3, [])' 2>&1 | FileCheck --check-prefix=EMPTY %s
# RUN: %hastec run %s -e 'InitFirst.scanned(4, [5])' | FileCheck --check-prefix=SCAN %s
# When a reduce's or scan's initial value may raise, the list is built before
# it (Elixir's argument order; see fuzz_reduce_init_order.hx) and read from
# memory: this checks that the built list is released once (a double free
# crashed here) and that results are unchanged, for ranges, maps and lists
# large enough to be built in parallel chunks.

defmodule InitFirst do
  @spec range_sum(integer(), [integer()]) :: integer()
  def range_sum(n, zs), do: Enum.reduce(1..n, Enum.max(zs), fn x, acc -> x + acc end)
  @spec mapped(integer(), [integer()]) :: integer()
  def mapped(n, zs), do: Enum.reduce(Enum.map(1..n, fn x -> x * 2 end), Enum.max(zs), fn x, acc -> x + acc end)
  @spec scanned(integer(), [integer()]) :: [integer()]
  def scanned(n, zs), do: Enum.scan(Enum.map(1..n, fn x -> x * x end), Enum.max(zs), fn x, acc -> x + acc end)
end

# RANGE: {{^}}56{{$}}
# BIG: {{^}}10000100001{{$}}
# EMPTY: ** (Enum.EmptyError) empty error
# SCAN: {{^}}[6, 10, 19, 35]{{$}}
