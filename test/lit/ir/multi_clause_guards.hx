# RUN: %hastec check %s --emit=ir -O0 | FileCheck %s
# Guards join the pattern test; when every clause has a condition, the
# chain ends in raise(3, ...): Elixir's FunctionClauseError.

defmodule Guards do
  @spec sign(integer()) :: integer()
  def sign(x) when x > 0, do: 1
  def sign(x) when x < 0, do: -1
  def sign(0), do: 0

  @spec pos(integer()) :: integer()
  def pos(1), do: 10
  def pos(x) when x > 1, do: x
end

# CHECK-LABEL: entry Guards.sign/1(integer) as Guards_sign
# CHECK-SAME:  ([[A:arg0%[0-9]+]]: integer) -> integer
# CHECK-NEXT:    if : integer
# CHECK-NEXT:      gt([[A]], 0)
# CHECK-NEXT:    then
# CHECK-NEXT:      1
# CHECK-NEXT:    else
# CHECK-NEXT:      if : integer
# CHECK-NEXT:        lt([[A]], 0)
# CHECK-NEXT:      then
# CHECK-NEXT:        neg(1)
# CHECK-NEXT:      else
# CHECK-NEXT:        if : integer
# CHECK-NEXT:          eq([[A]], 0)
# CHECK-NEXT:        then
# CHECK-NEXT:          0
# CHECK-NEXT:        else
# CHECK-NEXT:          raise(3, "no function clause matching in Guards.sign/1")
# CHECK-EMPTY:
# CHECK-LABEL: entry Guards.pos/1(integer) as Guards_pos
# CHECK-SAME:  ([[A:arg0%[0-9]+]]: integer) -> integer
# CHECK-NEXT:    if : integer
# CHECK-NEXT:      eq([[A]], 1)
# CHECK-NEXT:    then
# CHECK-NEXT:      10
# CHECK-NEXT:    else
# CHECK-NEXT:      if : integer
# CHECK-NEXT:        gt([[A]], 1)
# CHECK-NEXT:      then
# CHECK-NEXT:        [[A]]
# CHECK-NEXT:      else
# CHECK-NEXT:        raise(3, "no function clause matching in Guards.pos/1")
