#
# RUN: %hastec run -O0 %s -e 'Tail.count(10000000)' | FileCheck %s
# RUN: %hastec run -O2 %s -e 'Tail.count(10000000)' | FileCheck %s
# A tail-recursive loop is Elixir's loop idiom and runs in constant stack.
# (Fixed; this was a bug: at -O0 the self tail call is an ordinary call, so ten million
# iterations overflow the native stack (SIGSEGV, exit 139, no message);
# at -O2 LLVM happens to turn it into a loop.

defmodule Tail do
  @spec count(integer()) :: integer()
  def count(n), do: loop(n, 0)

  defp loop(0, acc), do: acc
  defp loop(n, acc), do: loop(n - 1, acc + 1)
end

# CHECK: {{^}}10000000{{$}}
