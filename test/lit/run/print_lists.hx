# RUN: %hastec run %s -e 'PrintList.doubles(3)' | FileCheck %s --check-prefix=INTS
# RUN: %hastec run %s -e 'PrintList.halves([1, 2, 3])' | FileCheck %s --check-prefix=FLOATS
# RUN: %hastec run %s -e 'PrintList.down(2)' | FileCheck %s --check-prefix=DOWN
# RUN: %hastec run %s -e 'PrintList.same([-1, 0, 1])' | FileCheck %s --check-prefix=ARG
# Lists print as [a, b, c]; a list argument of -e is passed through; a
# decreasing range counts down.

defmodule PrintList do
  @spec doubles(integer()) :: [integer()]
  def doubles(n), do: Enum.map(1..n, &(&1 * 2))

  @spec halves([integer()]) :: [float()]
  def halves(xs), do: Enum.map(xs, fn x -> x / 2 end)

  @spec down(integer()) :: [integer()]
  def down(n), do: Enum.to_list(n..-n)

  @spec same([integer()]) :: [integer()]
  def same(xs), do: xs
end

# INTS:   {{^}}[2, 4, 6]{{$}}
# FLOATS: {{^}}[0.5, 1.0, 1.5]{{$}}
# DOWN:   {{^}}[2, 1, 0, -1, -2]{{$}}
# ARG:    {{^}}[-1, 0, 1]{{$}}
