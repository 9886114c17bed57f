# RUN: %hastec check %s --emit=ir --stop-after=const-fold | FileCheck %s
# RUN: %hastec check %s --emit=ir -O0 | FileCheck %s --check-prefix=O0
# const-fold folds integer and float arithmetic on constants (module
# attributes included) and propagates constant lets. At -O0 nothing is
# folded.

defmodule Fold do
  @k 6

  @spec a(integer()) :: integer()
  def a(x), do: x + 2 * 3 - div(7, 2) + rem(-7, 2) + @k * @k

  @spec l(integer()) :: integer()
  def l(x) do
    y = 4
    z = y * 10
    x + z
  end

  @spec fl(float()) :: float()
  def fl(x), do: x * (1 + 0.5) / 2

  @spec mm(integer()) :: integer()
  def mm(x), do: x + min(3, 5) * max(3, 5)
end

# CHECK-LABEL: entry Fold.a/1(integer) as Fold_a
# CHECK-SAME:  ([[X:x%[0-9]+]]: integer) -> integer
# CHECK-NEXT:    add(add(sub(add([[X]], 6), 3), -1), 36)
# CHECK-LABEL: entry Fold.l/1(integer) as Fold_l
# CHECK-SAME:  ([[X:x%[0-9]+]]: integer) -> integer
# CHECK-NEXT:    add([[X]], 40)
# CHECK-EMPTY:
# CHECK-LABEL: entry Fold.fl/1(float) as Fold_fl
# CHECK-SAME:  ([[X:x%[0-9]+]]: float) -> float
# CHECK-NEXT:    fdiv(mul([[X]], 1.5), 2.0)
# CHECK-LABEL: entry Fold.mm/1(integer) as Fold_mm
# CHECK-SAME:  ([[X:x%[0-9]+]]: integer) -> integer
# CHECK-NEXT:    add([[X]], 15)

# O0-LABEL: entry Fold.a/1(integer)
# O0-NEXT:    add(add(sub(add(x%{{[0-9]+}}, mul(2, 3)), div(7, 2)), rem(neg(7), 2)), mul(6, 6))
# O0-LABEL: entry Fold.l/1(integer)
# O0-NEXT:    let y%{{[0-9]+}}: integer = 4
