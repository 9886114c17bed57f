# CALL: Match.norm({3.0, 4.0})
# EXPECT: 5.0
# CALL: Match.rebind(5)
# EXPECT: {11, 3, 2}
defmodule Match do
  def norm(v) do
    {x, y} = v
    :math.sqrt(x * x + y * y)
  end

  def rebind(x) do
    x = x * 2
    x = x + 1
    {q, r} = {div(x, 3), rem(x, 3)}
    {x, q, r}
  end
end
