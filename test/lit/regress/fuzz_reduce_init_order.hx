# RUN: not %hastec run %s -e 'InitOrder.reduced([0], [])' 2>&1 | FileCheck %s
# RUN: not %hastec run %s -e 'InitOrder.scanned([0], [])' 2>&1 | FileCheck %s
#
# Found by the differential fuzzer (test/fuzz). Elixir evaluates a call's
# arguments left to right, so in Enum.reduce(Enum.map(xs, f), Enum.max(zs), g)
# the map runs (and raises ArithmeticError on div(1, 0)) before Enum.max([])
# could raise Enum.EmptyError. When the map is fused into the reduce (or
# scan), hastec evaluates the initial accumulator first and reports
# Enum.EmptyError. (The init is not a fused stage, so this is not the
# documented error-order difference; with the map bound to a variable first,
# hastec agrees with Elixir.)

defmodule InitOrder do
  @spec reduced([integer()], [integer()]) :: integer()
  def reduced(xs, zs), do: Enum.reduce(Enum.map(xs, fn x -> div(1, x) end), Enum.max(zs), fn x, acc -> x + acc end)

  @spec scanned([integer()], [integer()]) :: [integer()]
  def scanned(xs, zs), do: Enum.scan(Enum.map(xs, fn x -> div(1, x) end), Enum.max(zs), fn x, acc -> x + acc end)
end

# CHECK: {{^}}** (ArithmeticError) bad argument in arithmetic expression
