# CALL: CondErr.pick(5)
# RAISES: ** (CondClauseError) no cond clause evaluated to a truthy value
defmodule CondErr do
  def pick(x) do
    cond do
      x > 10 -> 1
      x < 0 -> -1
    end
  end
end
