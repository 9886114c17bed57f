# CALL: Narrow.axpy(2.0, [1.0, 2.0, 3.0], 0.5)
# EXPECT: [2.5, 4.5, 6.5]
# HXRUN: Narrow_axpy [f32] f32 2.0 [f32] [1.0,2.0,3.0] f32 0.5
# CALL: Narrow.add(100, 23)
# EXPECT: 123
# HXRUN: Narrow_add i32 i32 100 i32 23
defmodule Narrow do
  @spec axpy(Hx.f32(), [Hx.f32()], Hx.f32()) :: [Hx.f32()]
  def axpy(a, xs, b), do: Enum.map(xs, fn x -> a * x + b end)

  @spec add(Hx.i32(), Hx.i32()) :: Hx.i32()
  def add(a, b), do: a + b
end
