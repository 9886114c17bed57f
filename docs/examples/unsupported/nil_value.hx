# CALL: Nils.first(0)
# EXPECT: nil
# COMPILE-ERROR: nil is not supported in hastec's Elixir subset (values are typed)
defmodule Nils do
  def first(_x), do: nil
end
