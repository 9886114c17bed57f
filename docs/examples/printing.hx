# CALL: Printing.run(3)
# EXPECT: {'hi', [104, 105, 3], 0.1, 1.0e20, 1.0e-5, 123.456, -0.0, true}
defmodule Printing do
  # IO.inspect's rules: integer lists that are all printable ASCII print as
  # charlists; floats print in the shortest form that reads back exactly
  def run(n), do: {[104, 105], [104, 105, n], 0.1, 1.0e20, 0.00001, 123.456, -0.0, n > 2}
end
