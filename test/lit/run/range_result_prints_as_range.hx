# RUN: not %hastec run %s -e 'RangeResult.up(3)' 2>&1 | FileCheck %s --check-prefix=UP
# RUN: %hastec run %s -e 'RangeResult.listed(3)' | FileCheck %s --check-prefix=LIST
# A function that returns a range returns a Range in Elixir, which
# IO.inspect prints as 1..3. hastec's ranges are lists, so returning one is a
# compile error that points at Enum.to_list, never a silently different print.

defmodule RangeResult do
  def up(n), do: 1..n
  def listed(n), do: Enum.to_list(1..n)
end

# UP:   {{.*}}range_result_prints_as_range.hx:8:3: error: RangeResult.up/1 returns a range, which Elixir prints as a range (1..3); hastec returns lists: write Enum.to_list(a..b)
# LIST: {{^}}[1, 2, 3]{{$}}
