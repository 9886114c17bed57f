# RUN: %hastec run %s -e 'PinTuple.pinned({1, 2.0}, {1, 2.0})' 2>&1 | FileCheck %s --check-prefix=PIN
# RUN: %hastec run %s -e 'PinTuple.twice({1, 2})' 2>&1 | FileCheck %s --check-prefix=TWICE
#
# Found by the differential fuzzer (test/fuzz). A pattern that compares a
# whole tuple, `^a` with a tuple `a` or a variable used twice (`g(x, x)`) on
# tuples, is lowered to an integer compare of the two structs:
#   hastec: internal error: generated LLVM IR is invalid: Invalid operand
#   types for ICmp instruction  %1 = icmp eq { i64, double } %b, %a
# Elixir prints 1 and 1.

defmodule PinTuple do
  @spec pinned({integer(), float()}, {integer(), float()}) :: integer()
  def pinned(a, b) do
    case b do
      ^a -> 1
      _ -> 0
    end
  end

  @spec twice({integer(), integer()}) :: integer()
  def twice(a), do: same(a, a)

  defp same(x, x), do: 1
  defp same(_, _), do: 0
end

# PIN:   {{^}}1{{$}}
# TWICE: {{^}}1{{$}}
