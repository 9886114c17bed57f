# CALL: HigherOrder.run(2)
# EXPECT: 4
# COMPILE-ERROR: passing a function to HigherOrder.twice/2 is not supported yet; functions can be passed to Enum functions
defmodule HigherOrder do
  def run(x), do: twice(fn y -> y + 1 end, x)
  def twice(f, x), do: f.(f.(x))
end
