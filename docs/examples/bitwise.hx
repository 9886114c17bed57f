# CALL: Bits.run(0b1100, 0b1010)
# EXPECT: {8, 14, 6, -13, 48, 3, 8, 14, 24, 6, -11, 4}
defmodule Bits do
  import Bitwise

  def run(a, b) do
    {band(a, b), bor(a, b), bxor(a, b), bnot(a), bsl(a, 2), bsr(a, 2),
     a &&& b, a ||| b, a <<< 1, a >>> 1, ~~~b, Bitwise.band(a, 7)}
  end
end
