# CALL: Tuples.minmax([3, 9, -2, 5])
# EXPECT: {-2, 9}
# CALL: Tuples.parts({1, 2.5, true})
# EXPECT: {2, 5.0, 3}
defmodule Tuples do
  def minmax(xs), do: {Enum.min(xs), Enum.max(xs)}

  def parts(t), do: {elem(t, 0) + 1, elem(t, 1) * 2, tuple_size(t)}
end
