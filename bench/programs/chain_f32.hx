# The memory-bound chain of the fast-CPU-backend issue, f32 (half the bytes
# of the f64 form per element):
#   xs |> map(a*x+b) |> map(&:math.sqrt/1) |> filter(&(&1 > t)) |> sum
# Hx.f32() is hastec's 32-bit float; Elixir ignores the remote type in the
# @spec and runs the same code on its 64-bit floats.
defmodule ChainF32 do
  @spec sqrt_sum([Hx.f32()], Hx.f32(), Hx.f32(), Hx.f32()) :: Hx.f32()
  def sqrt_sum(xs, a, b, t) do
    xs
    |> Enum.map(&(a * &1 + b))
    |> Enum.map(&:math.sqrt/1)
    |> Enum.filter(&(&1 > t))
    |> Enum.sum()
  end
end
