# CALL: Shapes.total(3, 4)
# EXPECT: 39
defmodule Geometry do
  def square(x), do: x * x
end

defmodule Shapes do
  @spec total(integer(), integer()) :: integer()
  def total(a, b), do: Geometry.square(a) + Geometry.square(b) + perimeter(a, b)

  defp perimeter(a, b), do: 2 * (a + b)
end
