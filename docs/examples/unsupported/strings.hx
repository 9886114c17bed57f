# CALL: Strings.greet(1)
# EXPECT: {1, "hi"}
# COMPILE-ERROR: strings are not supported in hastec's Elixir subset yet
defmodule Strings do
  def greet(n), do: {n, "hi"}
end
