# RUN: %hastec check %s --emit=ir -O0 | FileCheck %s
# Integer meets float: the integer side is converted with cast<float> (an
# integer literal becomes a float literal at once) and the operation is
# typed float; integer with integer stays integer.

defmodule Arith do
  @spec mixed(integer(), float()) :: float()
  def mixed(i, f), do: i + f * 2

  @spec ints(integer(), integer()) :: integer()
  def ints(a, b), do: a * b - a

  @spec floats(float(), float()) :: float()
  def floats(a, b), do: a - b
end

# CHECK-LABEL: entry Arith.mixed/2(integer,float) as Arith_mixed (i%{{[0-9]+}}: integer, f%{{[0-9]+}}: float) -> float
# CHECK-NEXT:    add(cast<float>(i%{{[0-9]+}}), mul(f%{{[0-9]+}}, 2.0))
# CHECK-EMPTY:
# CHECK-LABEL: entry Arith.ints/2(integer,integer) as Arith_ints
# CHECK-SAME:  ([[A:a%[0-9]+]]: integer, [[B:b%[0-9]+]]: integer) -> integer
# CHECK-NEXT:    sub(mul([[A]], [[B]]), [[A]])
# CHECK-EMPTY:
# CHECK-LABEL: entry Arith.floats/2(float,float) as Arith_floats
# CHECK-SAME:  ([[A:a%[0-9]+]]: float, [[B:b%[0-9]+]]: float) -> float
# CHECK-NEXT:    sub([[A]], [[B]])
# CHECK-NOT:     cast<
