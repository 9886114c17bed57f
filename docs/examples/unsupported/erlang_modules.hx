# CALL: Erl.total([1, 2])
# EXPECT: 3
# COMPILE-ERROR: the Erlang module :lists is not supported by hastec (only :math is)
defmodule Erl do
  def total(xs), do: :lists.sum(xs)
end
