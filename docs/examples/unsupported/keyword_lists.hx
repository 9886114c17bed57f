# CALL: Kw.run(1)
# EXPECT: [a: 1]
# COMPILE-ERROR: keyword lists are not supported here
defmodule Kw do
  def run(x), do: [a: x]
end
