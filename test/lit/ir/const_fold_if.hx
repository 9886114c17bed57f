# RUN: %hastec check %s --emit=ir --stop-after=const-fold | FileCheck %s
# An if whose condition folds to a constant is replaced by the branch taken;
# `and`/`or` with a constant side fold the same way.

defmodule FoldIf do
  @limit 10

  @spec t(integer()) :: integer()
  def t(x), do: if(1 < 2, do: x, else: 0 - x)

  @spec e(integer()) :: integer()
  def e(x), do: if(@limit > 100, do: x * 2, else: x * 3)

  @spec u(integer()) :: integer()
  def u(x), do: unless(true, do: x, else: 7)

  @spec b(integer()) :: boolean()
  def b(x), do: 1 == 1 and x > 0
end

# CHECK-LABEL: entry FoldIf.t/1(integer) as FoldIf_t
# CHECK-SAME:  ([[X:x%[0-9]+]]: integer) -> integer
# CHECK-NEXT:    [[X]]
# CHECK-EMPTY:
# CHECK-LABEL: entry FoldIf.e/1(integer) as FoldIf_e
# CHECK-SAME:  ([[X:x%[0-9]+]]: integer) -> integer
# CHECK-NEXT:    mul([[X]], 3)
# CHECK-EMPTY:
# CHECK-LABEL: entry FoldIf.u/1(integer) as FoldIf_u
# CHECK-SAME:  ([[X:x%[0-9]+]]: integer) -> integer
# CHECK-NEXT:    7
# CHECK-EMPTY:
# CHECK-LABEL: entry FoldIf.b/1(integer) as FoldIf_b
# CHECK-SAME:  ([[X:x%[0-9]+]]: integer) -> boolean
# CHECK-NEXT:    gt([[X]], 0)
# CHECK-NOT:   if :
