# The memory-bound chain without the square root, f64 (what hastec compiles
# today while :math.sqrt is not supported yet):
#   xs |> map(a*x+b) |> filter(&(&1 > t)) |> sum
defmodule ChainNoSqrt do
  @spec affine_sum([float()], float(), float(), float()) :: float()
  def affine_sum(xs, a, b, t) do
    xs
    |> Enum.map(&(a * &1 + b))
    |> Enum.filter(&(&1 > t))
    |> Enum.sum()
  end
end
