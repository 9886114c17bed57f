# RUN: %hastec check %s --emit=ir -O0 | FileCheck %s
# Comparisons give booleans; integer against float compares as floats;
# === between an integer and a float is false (both sides still evaluated).

defmodule Cmp do
  @spec lt(integer(), integer()) :: boolean()
  def lt(a, b), do: a < b

  @spec all(integer(), integer()) :: [boolean()]
  def all(a, b), do: [a == b, a != b, a <= b, a > b, a >= b, a === b, a !== b]

  @spec mixed(integer(), float()) :: boolean()
  def mixed(a, f), do: a < f

  @spec strict(integer(), float()) :: boolean()
  def strict(a, f), do: a === f
end

# CHECK-LABEL: entry Cmp.lt/2(integer,integer) as Cmp_lt
# CHECK-SAME:  ([[A:a%[0-9]+]]: integer, [[B:b%[0-9]+]]: integer) -> boolean
# CHECK-NEXT:    lt([[A]], [[B]])
# CHECK-LABEL: entry Cmp.all/2(integer,integer) as Cmp_all
# CHECK-SAME:  ([[A:a%[0-9]+]]: integer, [[B:b%[0-9]+]]: integer) -> [boolean]
# CHECK-NEXT:    list : [boolean]
# CHECK-NEXT:      eq([[A]], [[B]])
# CHECK-NEXT:      ne([[A]], [[B]])
# CHECK-NEXT:      le([[A]], [[B]])
# CHECK-NEXT:      gt([[A]], [[B]])
# CHECK-NEXT:      ge([[A]], [[B]])
# CHECK-NEXT:      eq([[A]], [[B]])
# CHECK-NEXT:      ne([[A]], [[B]])
# CHECK-LABEL: entry Cmp.mixed/2(integer,float) as Cmp_mixed
# CHECK-SAME:  ([[A:a%[0-9]+]]: integer, [[F:f%[0-9]+]]: float) -> boolean
# CHECK-NEXT:    lt(cast<float>([[A]]), [[F]])
# CHECK-LABEL: entry Cmp.strict/2(integer,float) as Cmp_strict
# CHECK-SAME:  ([[A:a%[0-9]+]]: integer, [[F:f%[0-9]+]]: float) -> boolean
# CHECK-NEXT:    let _%{{[0-9]+}}: integer = [[A]]
# CHECK-NEXT:    let _%{{[0-9]+}}: float = [[F]]
# CHECK-NEXT:    false
