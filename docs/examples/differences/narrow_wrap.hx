# CALL: Narrow32.add(2_000_000_000, 2_000_000_000)
# EXPECT-ELIXIR: 4000000000
# EXPECT-HASTEC: -294967296
# HXRUN: Narrow32_add i32 i32 2000000000 i32 2000000000
# CALL: Narrow32.scale(0.1)
# EXPECT-ELIXIR: 0.15000000000000002
# EXPECT-HASTEC: 0.15000000596046448
# HXRUN: Narrow32_scale f32 f32 0.1
defmodule Narrow32 do
  @spec add(Hx.i32(), Hx.i32()) :: Hx.i32()
  def add(a, b), do: a + b

  @spec scale(Hx.f32()) :: Hx.f32()
  def scale(x), do: x * 1.5
end
