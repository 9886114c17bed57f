# CALL: FnResult.run(1)
# EXPECT: [2]
# COMPILE-ERROR: a function value cannot be used here: call it (f.(x)), or pass it to a function or to Enum.map and friends
defmodule FnResult do
  def run(x), do: Enum.map([x], adder(1))
  def adder(k), do: fn x -> x + k end
end
