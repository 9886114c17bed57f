# RUN: %hastec check %s --emit=ir -O0 | FileCheck %s
# abs/1, min/2 and max/2 keep their operand type.

defmodule AbsMinMax do
  @spec i(integer(), integer()) :: integer()
  def i(a, b), do: abs(a) + min(a, b) + max(a, b)

  @spec f(float(), float()) :: float()
  def f(a, b), do: max(abs(a), min(a, b))
end

# CHECK-LABEL: entry AbsMinMax.i/2(integer,integer) as AbsMinMax_i
# CHECK-SAME:  ([[A:a%[0-9]+]]: integer, [[B:b%[0-9]+]]: integer) -> integer
# CHECK-NEXT:    add(add(abs([[A]]), min([[A]], [[B]])), max([[A]], [[B]]))
# CHECK-LABEL: entry AbsMinMax.f/2(float,float) as AbsMinMax_f
# CHECK-SAME:  ([[A:a%[0-9]+]]: float, [[B:b%[0-9]+]]: float) -> float
# CHECK-NEXT:    max(abs([[A]]), min([[A]], [[B]]))
