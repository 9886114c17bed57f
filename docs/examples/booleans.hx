# CALL: Bools.all(true, false)
# EXPECT: {false, true, false, false, true, true, false}
# CALL: Bools.safe_div(10, 0)
# EXPECT: false
defmodule Bools do
  def all(a, b), do: {a and b, a or b, not a, a && b, a || b, !b, a == b}

  # `and` / `or` short-circuit: div is not evaluated when b == 0
  def safe_div(a, b), do: b != 0 and div(a, b) > 1
end
