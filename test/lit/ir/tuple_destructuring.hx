# RUN: %hastec check %s --emit=ir -O0 | FileCheck %s
# {a, b} = expr binds the tuple to a fresh `match` variable and each name
# to an elem of it.

defmodule TupleIR do
  @spec t(integer()) :: integer()
  def t(x) do
    {a, b} = {x, x * 2}
    a + b
  end
end

# CHECK-LABEL: entry TupleIR.t/1(integer) as TupleIR_t
# CHECK-SAME:  ([[X:x%[0-9]+]]: integer) -> integer
# CHECK-NEXT:    let [[M:match%[0-9]+]]: {integer, integer} = {[[X]], mul([[X]], 2)}
# CHECK-NEXT:    let [[A:a%[0-9]+]]: integer = elem([[M]], 0)
# CHECK-NEXT:    let [[B:b%[0-9]+]]: integer = elem([[M]], 1)
# CHECK-NEXT:    add([[A]], [[B]])
