# RUN: %hastec check %s --emit=ir -O0 | FileCheck %s
# a..b is a range node with both bounds; it is a list of integers. (A function
# cannot return a bare range: Elixir would print it as 1..3, so it is summed here.)

defmodule Ranges do
  @spec up(integer()) :: integer()
  def up(n), do: Enum.sum(1..n)

  @spec down(integer()) :: integer()
  def down(n), do: Enum.sum(n..1)

  @spec exprs(integer(), integer()) :: integer()
  def exprs(a, b), do: Enum.sum((a + 1)..(b * 2))
end

# CHECK-LABEL: entry Ranges.up/1(integer) as Ranges_up
# CHECK-SAME:  ([[N:n%[0-9]+]]: integer) -> integer
# CHECK-NEXT:    fold sum : integer
# CHECK-NEXT:      range : [integer]
# CHECK-NEXT:        1
# CHECK-NEXT:        [[N]]
# CHECK-EMPTY:
# CHECK-LABEL: entry Ranges.down/1(integer) as Ranges_down
# CHECK-SAME:  ([[N:n%[0-9]+]]: integer) -> integer
# CHECK-NEXT:    fold sum : integer
# CHECK-NEXT:      range : [integer]
# CHECK-NEXT:        [[N]]
# CHECK-NEXT:        1
# CHECK-EMPTY:
# CHECK-LABEL: entry Ranges.exprs/2(integer,integer) as Ranges_exprs
# CHECK-SAME:  ([[A:a%[0-9]+]]: integer, [[B:b%[0-9]+]]: integer) -> integer
# CHECK-NEXT:    fold sum : integer
# CHECK-NEXT:      range : [integer]
# CHECK-NEXT:        add([[A]], 1)
# CHECK-NEXT:        mul([[B]], 2)
