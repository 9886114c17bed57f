# CALL: SortFun.desc([1, 3, 2])
# EXPECT: [3, 2, 1]
# COMPILE-ERROR: Enum.sort/2 takes :asc or :desc in hastec (sorting functions are not supported yet)
defmodule SortFun do
  def desc(xs), do: Enum.sort(xs, &(&1 >= &2))
end
