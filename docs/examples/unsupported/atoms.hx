# CALL: Atoms.tag(1)
# EXPECT: {:ok, 1}
# COMPILE-ERROR: atoms (:ok) are not supported here
defmodule Atoms do
  def tag(x), do: {:ok, x}
end
