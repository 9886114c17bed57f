# RUN: %hastec run %s -e 'GuardConstRaise.f(0)' 2>&1 | FileCheck %s --check-prefix=CASE
# RUN: %hastec run %s -e 'GuardConstRaise.g(0)' 2>&1 | FileCheck %s --check-prefix=DEF
# RUN: %hastec run %s -e 'GuardConstRaise.h([1, 0])' 2>&1 | FileCheck %s --check-prefix=FN
#
# Found by the differential fuzzer (test/fuzz). A guard that raises fails its
# clause (f27ceb0 fixed that for guards like `div(1, p)`), but when the raising
# operation has constant operands (`div(0, 0)`, `rem(0, 0)`, `(-4) * div(2, 0)`)
# hastec raises ArithmeticError instead of trying the next clause; in case,
# def and fn clauses alike. Elixir prints 2, 2 and [2, 2].

defmodule GuardConstRaise do
  @spec f(integer()) :: integer()
  def f(x) do
    case x do
      _ when div(0, 0) != 1 -> 1
      _ -> 2
    end
  end

  @spec g(integer()) :: integer()
  def g(x), do: pick(x)

  defp pick(_) when rem(0, 0) > 0, do: 1
  defp pick(_), do: 2

  @spec h([integer()]) :: [integer()]
  def h(xs) do
    Enum.map(xs, fn
      _ when div(2, 0) >= 0 -> 1
      _ -> 2
    end)
  end
end

# CASE: {{^}}2{{$}}
# DEF:  {{^}}2{{$}}
# FN:   {{^}}[2, 2]{{$}}
