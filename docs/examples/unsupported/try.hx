# CALL: Try.safe(0)
# EXPECT: 0
# COMPILE-ERROR: `try` is not supported in hastec's Elixir subset yet
defmodule Try do
  @spec safe(integer()) :: integer()
  def safe(x) do
    try do
      div(1, x)
    rescue
      ArithmeticError -> 0
    end
  end
end
