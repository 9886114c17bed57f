# CALL: Errors.ratio([4, 2, 0, 1])
# RAISES: ** (ArithmeticError) bad argument in arithmetic expression
# HASTEC-AT: div_by_zero.hx:8: Errors.ratio/1
defmodule Errors do
  @spec ratio([integer()]) :: [integer()]
  def ratio(xs) do
    xs
    |> Enum.map(fn x -> div(100, x) end)
  end
end
