# RUN: %hastec run %s -e 'ScanTake.f([1, 2, 3, 4])' 2>&1 | FileCheck %s
#
# Found by the differential fuzzer (test/fuzz). Enum.take of an Enum.scan:
#   hastec: internal error: generated LLVM IR is invalid: Both operands to
#   ICmp instruction are not of the same type! (icmp slt ptr %.., i64 0)
# Elixir prints [1, 3].

defmodule ScanTake do
  @spec f([integer()]) :: [integer()]
  def f(xs), do: xs |> Enum.scan(fn x, a -> x + a end) |> Enum.take(2)
end

# CHECK: {{^}}[1, 3]{{$}}
