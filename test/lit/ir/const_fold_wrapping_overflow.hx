# RUN: %hastec check %s --emit=ir --stop-after=const-fold | FileCheck %s
# Integers are 64-bit and wrap, at compile time exactly as at run time:
# 9223372036854775807 + 1 folds to -9223372036854775808, and so does
# div(-9223372036854775808, -1).

defmodule Wrap do
  @spec add() :: integer()
  def add(), do: 9223372036854775807 + 1

  @spec mul() :: integer()
  def mul(), do: 4611686018427387904 * 2

  @spec sub() :: integer()
  def sub(), do: -9223372036854775807 - 2

  @spec div_min() :: integer()
  def div_min(), do: div(-9223372036854775807 - 1, -1)

  @spec rem_min() :: integer()
  def rem_min(), do: rem(-9223372036854775807 - 1, -1)
end

# CHECK-LABEL: entry Wrap.add/0() as Wrap_add () -> integer
# CHECK-NEXT:    -9223372036854775808
# CHECK-LABEL: entry Wrap.mul/0() as Wrap_mul () -> integer
# CHECK-NEXT:    -9223372036854775808
# CHECK-LABEL: entry Wrap.sub/0() as Wrap_sub () -> integer
# CHECK-NEXT:    9223372036854775807
# CHECK-LABEL: entry Wrap.div_min/0() as Wrap_div_min () -> integer
# CHECK-NEXT:    -9223372036854775808
# CHECK-LABEL: entry Wrap.rem_min/0() as Wrap_rem_min () -> integer
# CHECK-NEXT:    0
