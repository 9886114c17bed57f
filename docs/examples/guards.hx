# CALL: Guards.classify(15)
# EXPECT: 2
# CALL: Guards.classify(2.5)
# EXPECT: 1
# CALL: Guards.classify(-3)
# EXPECT: 1
defmodule Guards do
  def classify(x) when is_integer(x) and x > 10, do: 2
  def classify(x) when is_float(x) or x < 0, do: 1
  def classify(_), do: 0
end
