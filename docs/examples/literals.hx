# CALL: Literals.all()
# EXPECT: {42, -7, 1000000, 255, 10, 15, 97, 3.14, 1000.0, 0.0025, true, false}
defmodule Literals do
  def all() do
    {42, -7, 1_000_000, 0xFF, 0b1010, 0o17, ?a, 3.14, 1.0e3, 2.5e-3, true, false}
  end
end
