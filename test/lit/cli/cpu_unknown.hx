#
# RUN: sh -c '%hastec build %s --emit=llvm --cpu bogus; echo "exit=$?"' 2>&1 | FileCheck %s
# RUN: sh -c '%hastec run %s --cpu bogus -e "UnknownCpu.f(1)"; echo "exit=$?"' 2>&1 | FileCheck %s
# An unknown --cpu is a usage error (exit 2) that names the CPU.
# (Fixed; this was a bug: LLVM prints "'bogus' is not a recognized processor for this target
# LLVM used to print warnings and abort with "64-bit code requested on a
# subtarget that doesn't support it".)

defmodule UnknownCpu do
  @spec f(integer()) :: integer()
  def f(x), do: x
end

# CHECK:     error: {{.*}}bogus
# CHECK-NOT: LLVM ERROR
# CHECK:     exit=2
