# CALL: Compare.all(1, 1.0)
# EXPECT: {true, false, false, true, true, true, true, true}
defmodule Compare do
  def all(i, f), do: {i == f, i === f, i != f, i !== f, i < 2, f >= 1, i <= f, f > 0.5}
end
