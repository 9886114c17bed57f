# CALL: Strings.greet(1)
# EXPECT: {1, "hi"}
# COMPILE-ERROR: a string cannot be used here: strings are compile-time values in hastec's Elixir subset (file paths, column names and options), not run-time data yet
defmodule Strings do
  def greet(n), do: {n, "hi"}
end
