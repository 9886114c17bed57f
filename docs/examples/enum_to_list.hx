# CALL: ToList.run(4)
# EXPECT: [3, 6, 9, 12]
defmodule ToList do
  def run(n), do: 1..n |> Enum.map(&(&1 * 3)) |> Enum.to_list()
end
