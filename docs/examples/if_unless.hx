# CALL: Branch.clamp(15, 10)
# EXPECT: 10
# CALL: Branch.parity(7)
# EXPECT: 1
defmodule Branch do
  def clamp(x, hi) do
    if x > hi do
      hi
    else
      x
    end
  end

  def parity(n), do: unless(rem(n, 2) == 0, do: 1, else: 0)
end
