# CALL: Mixed.xs()
# EXPECT: [1, 2.0]
# COMPILE-ERROR: list mixes integers and floats; hastec lists hold one type (write 1.0 for 1)
defmodule Mixed do
  def xs(), do: [1, 2.0]
end
