# CALL: Attrs.step(10)
# EXPECT: {2420, 5.0, -5, 6}
defmodule Attrs do
  @mu 22
  @p 6_700_417
  @scale 0.5
  # a negative value needs parentheses in hastec (`@offset -3` is rejected)
  @offset(-3)
  @twice @offset * 2 + 1
  @weights [1, 2, 3]

  def step(x), do: {rem(@mu * x * (x + 1), @p), x * @scale, @twice, Enum.sum(@weights)}
end
