# CALL: Flows.run(1000)
# EXPECT: 39182490
# ELIXIR-REQUIRE: support/flow_shim.exs
defmodule Flows do
  @spec run(integer()) :: integer()
  def run(n) do
    1..n
    |> Flow.from_enumerable(stages: 4)
    |> Flow.map(fn x -> x * x end)
    |> Flow.filter(&(rem(&1, 3) == 0))
    |> Flow.reject(&(&1 > 500_000))
    |> Enum.sum()
  end
end
