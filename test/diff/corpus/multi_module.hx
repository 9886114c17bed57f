# Several modules in one file calling each other (remote calls, nested
# module names), private helpers with the same name in different modules.
defmodule Geometry.Rect do
  def area(w, h), do: w * h
  def perimeter(w, h), do: 2 * (w + h)
  def scale(w, h, k), do: [Geometry.Rect.area(w * k, h * k), perimeter(w * k, h * k)]
end

defmodule Geometry.Circle do
  @pi 3.14159
  def area(r), do: @pi * r * r
  def circumference(r), do: 2 * @pi * r
end

defmodule Geometry do
  def total_area(n), do: Enum.sum(Enum.map(1..n, fn i -> Geometry.Rect.area(i, i + 1) end))
  def circle_areas(n), do: Enum.map(1..n, &Geometry.Circle.area/1)
  def mixed(w, h, r), do: Geometry.Rect.area(w, h) + Geometry.Circle.area(r)
  def helper_a(x), do: helper(x)
  def helper_b(x), do: Other.helper_pub(x)
  defp helper(x), do: x + 1
end

defmodule Other do
  def helper_pub(x), do: helper(x)
  defp helper(x), do: x - 1
end
# CALL: Geometry.Rect.area(3, 4)
# CALL: Geometry.Rect.perimeter(3, 4)
# CALL: Geometry.Rect.scale(1, 2, 3)
# CALL: Geometry.Circle.area(2)
# CALL: Geometry.Circle.area(0.5)
# CALL: Geometry.Circle.circumference(1)
# CALL: Geometry.total_area(5)
# CALL: Geometry.circle_areas(3)
# CALL: Geometry.mixed(2, 3, 1.0)
# CALL: Geometry.helper_a(10)
# CALL: Geometry.helper_b(10)
# CALL: Other.helper_pub(0)
