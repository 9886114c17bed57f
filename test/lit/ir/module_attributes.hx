# RUN: %hastec check %s --emit=ir -O0 | FileCheck %s
# Module attributes are constants inlined at each use; a later @k replaces
# an earlier one only for the functions defined after it.

defmodule Attrs do
  @k 7
  @scale 2.5

  @spec f(integer()) :: integer()
  def f(x), do: x * @k

  @spec g(float()) :: float()
  def g(x), do: x + @scale

  @k 100
  @spec h(integer()) :: integer()
  def h(x), do: x + @k
end

# CHECK-LABEL: entry Attrs.f/1(integer) as Attrs_f
# CHECK-SAME:  ([[X:x%[0-9]+]]: integer) -> integer
# CHECK-NEXT:    mul([[X]], 7)
# CHECK-LABEL: entry Attrs.g/1(float) as Attrs_g
# CHECK-SAME:  ([[X:x%[0-9]+]]: float) -> float
# CHECK-NEXT:    add([[X]], 2.5)
# CHECK-LABEL: entry Attrs.h/1(integer) as Attrs_h
# CHECK-SAME:  ([[X:x%[0-9]+]]: integer) -> integer
# CHECK-NEXT:    add([[X]], 100)
