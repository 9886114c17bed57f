# RUN: %hastec build %s --emit=llvm --cpu x86-64 | FileCheck %s --check-prefix=BASE
# RUN: %hastec build %s --emit=llvm --cpu x86-64-v3 | FileCheck %s --check-prefix=V3
# RUN: %hastec run %s --cpu x86-64-v2 -e 'Cpu.f(4)' | FileCheck %s --check-prefix=RESULT
# --cpu sets the target CPU of every generated function.

defmodule Cpu do
  @spec f(integer()) :: integer()
  def f(n), do: Enum.sum(1..n)
end

# BASE: "target-cpu"="x86-64"
# V3:   "target-cpu"="x86-64-v3"
# RESULT: {{^}}10{{$}}
