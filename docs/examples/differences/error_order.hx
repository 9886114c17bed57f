# CALL: Order.run([1, 2, 3])
# RAISES-ELIXIR: ** (ArithmeticError) bad argument in arithmetic expression
# RAISES-HASTEC: ** (FunctionClauseError) no function clause matching in anonymous fn/1 in Order.run/1
defmodule Order do
  def run(xs) do
    xs
    |> Enum.map(fn x -> div(10, x - 3) end)
    |> Enum.map(fn y when y > 5 -> y end)
  end
end
