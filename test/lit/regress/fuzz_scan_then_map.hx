# RUN: %hastec run %s -e 'ScanThen.mapped([1, 2])' 2>&1 | FileCheck %s --check-prefix=MAP
# RUN: %hastec run %s -e 'ScanThen.summed([1, 2])' 2>&1 | FileCheck %s --check-prefix=SUM
# RUN: %hastec run %s -e 'ScanThen.through_helper([1, 2])' 2>&1 | FileCheck %s --check-prefix=HELPER
#
# Found by the differential fuzzer (test/fuzz). When the result of
# Enum.scan feeds another list function (map, sum, sort then map, zip, an
# inlined helper's result...), the consumer reads the scan's input elements
# instead of the running accumulator: map gives [2, 4] for [2, 6], sum 3 for
# 4. Bound to a variable first, it works.

defmodule ScanThen do
  @spec mapped([integer()]) :: [integer()]
  def mapped(xs), do: xs |> Enum.scan(fn x, a -> x + a end) |> Enum.map(fn y -> y * 2 end)

  @spec summed([integer()]) :: integer()
  def summed(xs), do: xs |> Enum.scan(fn x, a -> x + a end) |> Enum.sum()

  @spec through_helper([integer()]) :: [integer()]
  def through_helper(xs), do: Enum.map(running(xs), fn y -> y * 2 end)

  defp running(xs), do: Enum.scan(xs, fn x, a -> x + a end)
end

# MAP:    {{^}}[2, 6]{{$}}
# SUM:    {{^}}4{{$}}
# HELPER: {{^}}[2, 6]{{$}}
