# CALL: Forms.both(5)
# EXPECT: {6, 11, 42}
defmodule Forms do
  def answer, do: 42

  def short(x), do: x + 1

  def long(x) do
    y = x * 2
    y + 1
  end

  def both(x), do: {short(x), long(x), answer()}
end
