# RUN: %hastec check %s --emit=ir --dump-after=cse 2>&1 >/dev/null | FileCheck %s
# CSE in a function body. The largest repeated expression is shared first,
# then its parts: x * y occurs in a's value, in the if condition and in both
# branches; the condition's occurrence is evaluated on every path, so one
# let before everything serves them all. An expression that cannot raise
# (band) and occurs in both branches of an if is computed once before it:
# it was evaluated on every path anyway.

defmodule CseBody do
  @spec f(integer(), integer()) :: integer()
  def f(x, y) do
    a = (x * y + 1) * (x * y + 1)
    if x * y > 3 do
      a + x * y
    else
      a - x * y
    end
  end

  @spec g(integer(), integer(), boolean()) :: integer()
  def g(x, y, c) do
    if c do
      Bitwise.band(x, y) + 1
    else
      Bitwise.band(x, y) - 1
    end
  end

  @spec h(float(), float()) :: float()
  def h(x, y), do: :math.sqrt(x * y) + :math.sqrt(x * y) * 2.0
end

# CHECK:       ; IR after cse{{$}}
# CHECK-LABEL: entry CseBody.f/2(integer,integer) as CseBody_f
# CHECK-SAME:  ([[X:x%[0-9]+]]: integer, [[Y:y%[0-9]+]]: integer) -> integer
# CHECK-NEXT:    let [[XY:cse%[0-9]+]]: integer = mul([[X]], [[Y]])
# CHECK-NEXT:    let [[C:cse%[0-9]+]]: integer = add([[XY]], 1)
# CHECK-NEXT:    let [[A:a%[0-9]+]]: integer = mul([[C]], [[C]])
# CHECK-NEXT:    if : integer
# CHECK-NEXT:      gt([[XY]], 3)
# CHECK-NEXT:    then
# CHECK-NEXT:      add([[A]], [[XY]])
# CHECK-NEXT:    else
# CHECK-NEXT:      sub([[A]], [[XY]])

# CHECK-LABEL: entry CseBody.g/3(integer,integer,boolean) as CseBody_g
# CHECK-SAME:  ([[X:x%[0-9]+]]: integer, [[Y:y%[0-9]+]]: integer, [[B:c%[0-9]+]]: boolean)
# CHECK-NEXT:    let [[BA:cse%[0-9]+]]: integer = band([[X]], [[Y]])
# CHECK-NEXT:    if : integer
# CHECK-NEXT:      [[B]]
# CHECK-NEXT:    then
# CHECK-NEXT:      add([[BA]], 1)
# CHECK-NEXT:    else
# CHECK-NEXT:      sub([[BA]], 1)

# CHECK-LABEL: entry CseBody.h/2(float,float) as CseBody_h
# CHECK-SAME:  ([[X:x%[0-9]+]]: float, [[Y:y%[0-9]+]]: float) -> float
# CHECK-NEXT:    let [[S:cse%[0-9]+]]: float = math.sqrt(mul([[X]], [[Y]]))
# CHECK-NEXT:    add([[S]], mul([[S]], 2.0))
