# RUN: %hastec check %s --emit=ir -O0 | FileCheck %s
# `not` and `!` on a boolean are both the unary not.

defmodule Not do
  @spec n(boolean()) :: boolean()
  def n(b), do: not b

  @spec bang(integer()) :: boolean()
  def bang(x), do: !(x > 0)
end

# CHECK-LABEL: entry Not.n/1(boolean) as Not_n
# CHECK-SAME:  ([[B:b%[0-9]+]]: boolean) -> boolean
# CHECK-NEXT:    not([[B]])
# CHECK-LABEL: entry Not.bang/1(integer) as Not_bang
# CHECK-SAME:  ([[X:x%[0-9]+]]: integer) -> boolean
# CHECK-NEXT:    not(gt([[X]], 0))
