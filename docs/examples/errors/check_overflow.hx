# CALL: Big.square(4_000_000_000)
# EXPECT-ELIXIR: 16000000000000000000
# RAISES-HASTEC: ** (ArithmeticError) integer overflow
# FLAGS: --check-overflow
defmodule Big do
  def square(x), do: x * x
end
