# IO.inspect prints integer lists whose elements are all printable ASCII
# (or \a \b \t \n \v \f \r \e) as charlists: [72, 105] is 'Hi'. Escapes,
# the 4096-element printable limit, and lists that just miss.
defmodule Charlists do
  def hi(), do: [72, 105]
  def echo(xs), do: xs
  def shifted(xs, k), do: Enum.map(xs, fn x -> x + k end)
  def escapes(), do: [7, 8, 9, 10, 11, 12, 13, 27, 32]
  def quotes(), do: [39, 34, 92]
  def interp(), do: [35, 123, 125, 35]
  def printable_range(), do: Enum.to_list(32..126)
  def almost(), do: Enum.to_list(31..40)
  def del(), do: [126, 127]
  def ascii_then_big(), do: [97, 98, 955]
  def long_printable(n), do: Enum.map(1..n, fn i -> 97 + rem(i, 26) end)
  def long_then_zero(n), do: Enum.map(1..n, fn i -> if i == n, do: 0, else: 97 end)
  def letters(), do: Enum.filter(1..127, fn c -> c >= 65 and c <= 70 end)
  def from_range(a, b), do: Enum.to_list(a..b)
end
# CALL: Charlists.hi()
# CALL: Charlists.echo([104, 97, 115, 116, 101, 99])
# CALL: Charlists.echo([104, 97, 0])
# CALL: Charlists.shifted([0, 1, 2], 65)
# CALL: Charlists.escapes()
# CALL: Charlists.quotes()
# CALL: Charlists.interp()
# CALL: Charlists.printable_range()
# CALL: Charlists.almost()
# CALL: Charlists.del()
# CALL: Charlists.ascii_then_big()
# CALL: Charlists.long_printable(100)
# CALL: Charlists.long_printable(4096)
# CALL: Charlists.long_printable(4097)
# CALL: Charlists.long_then_zero(4096)
# CALL: Charlists.long_then_zero(4097)
# CALL: Charlists.long_then_zero(5000)
# CALL: Charlists.letters()
# CALL: Charlists.from_range(10, 13)
# CALL: Charlists.from_range(7, 6)
# CALL: Charlists.from_range(6, 7)
