# CALL: FnCall.run(2)
# EXPECT: 3
# COMPILE-ERROR: calling a function value or reading a field (x.f) is not supported in hastec's Elixir subset
defmodule FnCall do
  def run(x) do
    inc = fn y -> y + 1 end
    inc.(x)
  end
end
