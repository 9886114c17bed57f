# The memory-bound chain of the fast-CPU-backend issue, f64:
#   xs |> map(a*x+b) |> map(&:math.sqrt/1) |> filter(&(&1 > t)) |> sum
# One pass over xs when fused; bench/run.sh reports it in GB/s of xs read.
defmodule Chain do
  @spec sqrt_sum([float()], float(), float(), float()) :: float()
  def sqrt_sum(xs, a, b, t) do
    xs
    |> Enum.map(&(a * &1 + b))
    |> Enum.map(&:math.sqrt/1)
    |> Enum.filter(&(&1 > t))
    |> Enum.sum()
  end
end
