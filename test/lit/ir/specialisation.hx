# RUN: %hastec check %s --emit=ir -O0 | FileCheck %s
# One helper used at integer and at float becomes two `func` entries with
# different keys; each call names its own specialisation.

defmodule Spec do
  @spec f(integer(), float()) :: float()
  def f(i, x), do: sq(i) + sq(x)

  defp sq(v), do: v * v
end

# CHECK-LABEL: entry Spec.f/2(integer,float) as Spec_f
# CHECK-SAME:  ([[I:i%[0-9]+]]: integer, [[X:x%[0-9]+]]: float) -> float
# CHECK-NEXT:    add(cast<float>(call Spec.sq/1(integer)([[I]])), call Spec.sq/1(float)([[X]]))
# CHECK-EMPTY:
# CHECK-NEXT:  func Spec.sq/1(integer)
# CHECK-SAME:  ([[V:v%[0-9]+]]: integer) -> integer
# CHECK-NEXT:    mul([[V]], [[V]])
# CHECK-EMPTY:
# CHECK-NEXT:  func Spec.sq/1(float)
# CHECK-SAME:  ([[W:v%[0-9]+]]: float) -> float
# CHECK-NEXT:    mul([[W]], [[W]])
# CHECK-NOT:   func
