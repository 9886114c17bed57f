# RUN: %hastec run %s -e 'TailList.f(100000, 7)' | FileCheck %s
#
# Found by the 10,000-program differential run (seed 20261127, program 5443).
# A self tail call whose argument runs a list operation
# (`Enum.reverse([-73]) |> Enum.max()`) is not turned into a loop: the
# recursion keeps its stack frames and crashes (SIGSEGV) past about 10,000
# calls, where Elixir loops. Self tail calls become loops through LLVM's
# TailCallElim (codegen/LLVMCodegen.cpp), which gives up here, probably
# because the argument's list code passes stack slots (allocas) to the
# runtime. Fix: emit self tail calls as branches in the code generator
# instead of relying on TailCallElim. Elixir prints -73.

defmodule TailList do
  @spec f(integer(), integer()) :: integer()
  def f(n, a3), do: loop1(n, a3)

  @spec loop1(integer(), integer()) :: integer()
  defp loop1(n, acc) when n > 0, do: loop1(n - 1, Enum.reverse([-73]) |> Enum.max())
  defp loop1(_n, acc), do: acc
end

# CHECK: {{^}}-73{{$}}
