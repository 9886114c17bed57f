# RUN: sh -c '%hastec run %s -e "Batch.sum(4)" -e "Batch.ratio([4, 2, 0])" -e "Batch.twice(3)" -e "Batch.twice(1.5)" -e "elem({Batch.sum(2), 0}, 0)" -e "Batch.ratio([5])" --separator "~~"; echo "exit=$?"' | FileCheck %s
# A second run comes from the cache (one ret.txt line per call): the same output.
# RUN: sh -c '%hastec run %s -e "Batch.sum(4)" -e "Batch.ratio([4, 2, 0])" -e "Batch.twice(3)" -e "Batch.twice(1.5)" -e "elem({Batch.sum(2), 0}, 0)" -e "Batch.ratio([5])" --separator "~~"; echo "exit=$?"' | FileCheck %s
# Nothing leaks, the raising call included (the count is process-wide).
# RUN: sh -c 'HX_REPORT_LIVE=1 %hastec run %s -e "Batch.ratio([4, 2, 0])" -e "Batch.ratio([4, 200])" --separator "~~" 2>&1; echo "exit=$?"' | FileCheck %s --check-prefix=LIVE
# Several -e in one `hastec run`: one library, one process; after each
# call's result the separator line; a call that raises prints "SEP raised"
# and Elixir's error text on stdout, and the next calls still run (exit 3).
# twice/1 has no @spec: its second call, with a float, cannot share the
# entry of the first (one per function) and is compiled on its own.

defmodule Batch do
  @spec sum(integer()) :: integer()
  def sum(n), do: Enum.sum(1..n)

  @spec ratio([integer()]) :: [integer()]
  def ratio(xs), do: Enum.map(xs, fn x -> div(100, x) end)

  def twice(x), do: x * 2
end

# CHECK: 10
# CHECK-NEXT: ~~
# CHECK-NEXT: ~~ raised
# CHECK-NEXT: ** (ArithmeticError) bad argument in arithmetic expression
# CHECK-NEXT: {{.*}}run_several_calls.hx:17: Batch.ratio/1
# CHECK-NEXT: ~~
# CHECK-NEXT: 6
# CHECK-NEXT: ~~
# CHECK-NEXT: 3.0
# CHECK-NEXT: ~~
# CHECK-NEXT: 3
# CHECK-NEXT: ~~
# CHECK-NEXT: [20]
# CHECK-NEXT: ~~
# CHECK-NEXT: exit=3

# LIVE: ~~ raised
# LIVE-NEXT: ** (ArithmeticError) bad argument in arithmetic expression
# LIVE-NEXT: {{.*}}: Batch.ratio/1
# LIVE-NEXT: hx-run: 0 arrays live
# LIVE-NEXT: ~~
# LIVE-NEXT: [25, 0]
# LIVE-NEXT: hx-run: 0 arrays live
# LIVE-NEXT: ~~
# LIVE-NEXT: exit=3
