# RUN: %hastec run %s -e 'ScanAlloc.f([1, 2])' 2>&1 | FileCheck %s
#
# Found by the differential fuzzer (test/fuzz). A scan whose function builds
# a list (here the literal [1.0]), consumed by Enum.map:
#   hastec: internal error: generated LLVM IR is invalid: Instruction does not
#   dominate all uses!  %arr4 = call ptr @hxrt_alloc(ptr %0, i32 2, i64 1)
# Elixir prints [0, 0].

defmodule ScanAlloc do
  @spec f([integer()]) :: [integer()]
  def f(xs) do
    Enum.map(Enum.scan(xs, 0, fn _x, acc -> Enum.reduce([1.0], acc, fn _, a -> a end) end), fn _ -> 0 end)
  end
end

# CHECK: {{^}}[0, 0]{{$}}
