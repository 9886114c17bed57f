# CALL: Shift.big(1)
# EXPECT-ELIXIR: {9223372036854775808, 18446744073709551616}
# EXPECT-HASTEC: {-9223372036854775808, 0}
defmodule Shift do
  import Bitwise
  def big(x), do: {bsl(x, 63), bsl(x, 64)}
end
