# RUN: %hastec check %s --emit=ir -O0 | FileCheck %s
# `/` always gives a float, even for two integers (fdiv of cast<float>).

defmodule FDiv do
  @spec ints(integer(), integer()) :: float()
  def ints(a, b), do: a / b

  @spec floats(float(), float()) :: float()
  def floats(a, b), do: a / b
end

# CHECK-LABEL: entry FDiv.ints/2(integer,integer) as FDiv_ints
# CHECK-SAME:  ([[A:a%[0-9]+]]: integer, [[B:b%[0-9]+]]: integer) -> float
# CHECK-NEXT:    fdiv(cast<float>([[A]]), cast<float>([[B]]))
# CHECK-EMPTY:
# CHECK-LABEL: entry FDiv.floats/2(float,float) as FDiv_floats
# CHECK-SAME:  ([[A:a%[0-9]+]]: float, [[B:b%[0-9]+]]: float) -> float
# CHECK-NEXT:    fdiv([[A]], [[B]])
