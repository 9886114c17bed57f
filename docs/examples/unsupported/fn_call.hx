# CALL: FnCall.run(2)
# EXPECT: 3
# COMPILE-ERROR: calling a function value (f.(x)) is not supported in hastec's Elixir subset yet
defmodule FnCall do
  def run(x) do
    inc = fn y -> y + 1 end
    inc.(x)
  end
end
