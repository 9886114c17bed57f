# The pipe operator into local, remote and Enum calls.
defmodule Pipes do
  def run(x), do: x |> inc() |> double() |> inc()
  def remote(x), do: x |> Pipes.Helpers.square() |> Pipes.Helpers.add(3)
  def with_args(x), do: x |> add(10) |> mul(2) |> add(-1)
  def nested(x), do: inc(x |> double()) |> double()
  def into_enum(n) do
    1..n
    |> Enum.map(fn x -> x * x end)
    |> Enum.filter(fn x -> rem(x, 2) == 1 end)
    |> Enum.sum()
  end
  def into_kernel(x), do: x |> abs() |> max(3) |> min(100) |> div(2)
  def pipe_list(xs), do: xs |> Enum.map(&inc/1) |> Enum.map(&double/1)
  def pipe_float(x), do: x |> fdiv(4) |> add(0.5)
  def pipe_length(n), do: 1..n |> Enum.to_list() |> length()

  defp inc(x), do: x + 1
  defp double(x), do: x * 2
  defp add(x, y), do: x + y
  defp mul(x, y), do: x * y
  defp fdiv(x, y), do: x / y
end

defmodule Pipes.Helpers do
  def square(x), do: x * x
  def add(x, y), do: x + y
end
# CALL: Pipes.run(3)
# CALL: Pipes.run(-3)
# CALL: Pipes.remote(4)
# CALL: Pipes.with_args(5)
# CALL: Pipes.nested(5)
# CALL: Pipes.pipe_list([1, 2, 3])
# CALL: Pipes.pipe_float(3)
# CALL: Pipes.pipe_float(3.0)
# CALL: Pipes.into_enum(10)
# CALL: Pipes.into_enum(1)
# CALL: Pipes.into_kernel(-9)
# CALL: Pipes.into_kernel(1)
# CALL: Pipes.into_kernel(1000)
# CALL: Pipes.pipe_length(7)
