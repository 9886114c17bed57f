# XFAIL: *
# RUN: %hastec run %s -e 'RangeResult.up(3)' | FileCheck %s --check-prefix=UP
# RUN: %hastec run %s -e 'RangeResult.down(2)' | FileCheck %s --check-prefix=DOWN
# RUN: %hastec run %s -e 'RangeResult.listed(3)' | FileCheck %s --check-prefix=LIST
# A function that returns a range returns a Range in Elixir, which
# IO.inspect prints as 1..3 (and 2..-2//-1 counting down); Enum.to_list
# gives the list. BUG: hastec prints every range result as a list
# ([1, 2, 3]), so the same program prints differently under Elixir.

defmodule RangeResult do
  def up(n), do: 1..n
  def down(n), do: n..-n
  def listed(n), do: Enum.to_list(1..n)
end

# UP:   {{^}}1..3{{$}}
# DOWN: {{^}}2..-2//-1{{$}}
# LIST: {{^}}[1, 2, 3]{{$}}
