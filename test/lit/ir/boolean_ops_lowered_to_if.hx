# RUN: %hastec check %s --emit=ir -O0 | FileCheck %s
# and/&& become `if a then b else false`; or/|| become `if a then true
# else b`, so the right side runs only when needed.

defmodule BoolOps do
  @spec a(boolean(), boolean()) :: boolean()
  def a(x, y), do: x and y

  @spec b(boolean(), boolean()) :: boolean()
  def b(x, y), do: x && y

  @spec o(boolean(), boolean()) :: boolean()
  def o(x, y), do: x or y

  @spec p(boolean(), boolean()) :: boolean()
  def p(x, y), do: x || y
end

# CHECK-LABEL: entry BoolOps.a/2(boolean,boolean) as BoolOps_a
# CHECK-SAME:  ([[X:x%[0-9]+]]: boolean, [[Y:y%[0-9]+]]: boolean) -> boolean
# CHECK-NEXT:    if : boolean
# CHECK-NEXT:      [[X]]
# CHECK-NEXT:    then
# CHECK-NEXT:      [[Y]]
# CHECK-NEXT:    else
# CHECK-NEXT:      false
# CHECK-EMPTY:
# CHECK-LABEL: entry BoolOps.b/2(boolean,boolean) as BoolOps_b
# CHECK-SAME:  ([[X:x%[0-9]+]]: boolean, [[Y:y%[0-9]+]]: boolean) -> boolean
# CHECK-NEXT:    if : boolean
# CHECK-NEXT:      [[X]]
# CHECK-NEXT:    then
# CHECK-NEXT:      [[Y]]
# CHECK-NEXT:    else
# CHECK-NEXT:      false
# CHECK-EMPTY:
# CHECK-LABEL: entry BoolOps.o/2(boolean,boolean) as BoolOps_o
# CHECK-SAME:  ([[X:x%[0-9]+]]: boolean, [[Y:y%[0-9]+]]: boolean) -> boolean
# CHECK-NEXT:    if : boolean
# CHECK-NEXT:      [[X]]
# CHECK-NEXT:    then
# CHECK-NEXT:      true
# CHECK-NEXT:    else
# CHECK-NEXT:      [[Y]]
# CHECK-EMPTY:
# CHECK-LABEL: entry BoolOps.p/2(boolean,boolean) as BoolOps_p
# CHECK-SAME:  ([[X:x%[0-9]+]]: boolean, [[Y:y%[0-9]+]]: boolean) -> boolean
# CHECK-NEXT:    if : boolean
# CHECK-NEXT:      [[X]]
# CHECK-NEXT:    then
# CHECK-NEXT:      true
# CHECK-NEXT:    else
# CHECK-NEXT:      [[Y]]
# CHECK-NOT:   {{and|or}}(
