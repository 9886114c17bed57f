# CALL: MatchErr.first({1, 2})
# RAISES: ** (MatchError) no match of right hand side value: {1, 2}
defmodule MatchErr do
  def first(t) do
    {x, 3} = t
    x
  end
end
