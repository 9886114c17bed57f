# CALL: Narrow.axpy(2.0, [1.0, 2.0, 3.0], 0.5)
# EXPECT: [2.5, 4.5, 6.5]
# HXRUN: Narrow_axpy [f32] f32 2.0 [f32] [1.0,2.0,3.0] f32 0.5
# CALL: Narrow.mix(3, 0.5, 10, 0.25)
# EXPECT: {7, 1.0, 13, 0.75, 1.5, 3.5}
# HXRUN: Narrow_mix {i32,f32,i,f,f32,f32} i32 3 f32 0.5 i 10 f 0.25
defmodule Narrow do
  @spec axpy(Hx.f32(), [Hx.f32()], Hx.f32()) :: [Hx.f32()]
  def axpy(a, xs, b), do: Enum.map(xs, fn x -> a * x + b end)

  # narrow op literal and narrow op narrow stay narrow; narrow op 64-bit widens
  @spec mix(Hx.i32(), Hx.f32(), integer(), float()) ::
          {Hx.i32(), Hx.f32(), integer(), float(), Hx.f32(), Hx.f32()}
  def mix(i, f, n, x), do: {i * 2 + 1, f * 2.0, i + n, f + x, i / 2, i + f}
end
