# CALL: Attrs.step(10)
# EXPECT: {2420, 5.0}
defmodule Attrs do
  @mu 22
  @p 6_700_417
  @scale 0.5

  def step(x), do: {rem(@mu * x * (x + 1), @p), x * @scale}
end
