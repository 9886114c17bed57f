# CALL: Pipes.run(10)
# EXPECT: 165
defmodule Pipes do
  def run(n) do
    1..n
    |> Enum.map(fn x -> x * x end)
    |> Enum.filter(&(rem(&1, 2) == 1))
    |> Enum.sum()
  end
end
