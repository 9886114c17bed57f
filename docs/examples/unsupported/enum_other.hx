# CALL: EnumOther.uniq([1, 1, 2])
# EXPECT: [1, 2]
# COMPILE-ERROR: Enum.uniq/1 is not supported by hastec
defmodule EnumOther do
  def uniq(xs), do: Enum.uniq(xs)
end
