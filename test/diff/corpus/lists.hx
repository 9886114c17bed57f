# List literals of integers, floats and booleans; length/1; lists as
# arguments and results; literal lists inside bodies.
defmodule Lists do
  def ints(), do: [1, -2, 3]
  def floats(), do: [1.5, -0.25, 1.0e20]
  def bools(), do: [true, false, true]
  def empty_len(), do: length(Enum.filter([1, 2, 3], fn x -> x > 5 end))
  def computed(a, b), do: [a + b, a - b, a * b, div(a, b)]
  def computed_f(a, b), do: [a / b, a * b]
  def len(xs), do: length(xs)
  def echo(xs), do: xs
  def head_elems(x), do: [x, x * 2, x * 3] |> Enum.map(fn y -> y + 1 end)
  def literal_sum(), do: Enum.sum([10, 20, 30, 40])
  def literal_bool_count(), do: Enum.count([true, true, false], fn b -> b end)
  def long(n), do: Enum.map(1..n, fn i -> rem(i * 7919, 1000) end)
  def single(x), do: [x]
  def float_list_ops(xs), do: [Enum.sum(xs), Enum.max(xs), length(xs) / 1]
end
# CALL: Lists.ints()
# CALL: Lists.floats()
# CALL: Lists.bools()
# CALL: Lists.empty_len()
# CALL: Lists.computed(17, 5)
# CALL: Lists.computed_f(1.0, 4.0)
# CALL: Lists.len([1, 2, 3, 4, 5, 6])
# CALL: Lists.len([true])
# CALL: Lists.echo([3, 2, 1])
# CALL: Lists.echo([2.5, 1.0])
# CALL: Lists.echo([false])
# CALL: Lists.head_elems(4)
# CALL: Lists.literal_sum()
# CALL: Lists.literal_bool_count()
# CALL: Lists.long(200)
# CALL: Lists.single(-1)
# CALL: Lists.single(0.5)
# CALL: Lists.single(true)
# CALL: Lists.float_list_ops([1.0, 2.5])
