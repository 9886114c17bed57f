# CALL: HeadTail.first([1, 2])
# EXPECT: 1
# COMPILE-ERROR: this pattern is not supported yet; hastec matches variables, _, ^pins, tuples, maps, atoms and number or boolean literals
defmodule HeadTail do
  @spec first([integer()]) :: integer()
  def first([h | _]), do: h
end
