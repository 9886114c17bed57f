# RUN: %hastec run %s -e 'GuardShort.f(0)' 2>&1 | FileCheck %s --check-prefix=OR
# RUN: %hastec run %s -e 'GuardShort.g(0.0)' 2>&1 | FileCheck %s --check-prefix=SCAN
# RUN: %hastec run %s -e 'GuardShort.h(0)' 2>&1 | FileCheck %s --check-prefix=AND
#
# Found by the differential fuzzer (test/fuzz). `and` and `or` in a guard
# short-circuit (Erlang's andalso/orelse): in `true or 0 / x < 0` and in
# `false and rem(0, x) == 0` the right side is never evaluated, so nothing
# raises. hastec evaluates it; it raises, and the whole guard fails, so the
# next clause is taken: hastec prints 0, [0.0] and 1 where Elixir prints
# 1, [1.0] and 0.

defmodule GuardShort do
  @spec f(integer()) :: integer()
  def f(x) do
    case 0.0 do
      _ when true or 0 / x < 0 -> 1
      _ -> 0
    end
  end

  @spec g(float()) :: [float()]
  def g(a) do
    Enum.scan([0], a, fn
      _, acc when true or a / acc <= 0 -> 1.0
      _, _ -> 0.0
    end)
  end

  @spec h(integer()) :: integer()
  def h(x), do: pick(x)

  defp pick(x) when not (0 == round(1.0) and rem(0, x) == 0), do: 0
  defp pick(_), do: 1
end

# OR:   {{^}}1{{$}}
# SCAN: {{^}}[1.0]{{$}}
# AND:  {{^}}0{{$}}
