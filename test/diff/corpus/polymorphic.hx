# The same helpers used at integer and float types (and lists of each):
# each use is specialised separately.
defmodule Polymorphic do
  def sq_int(x), do: sq(x)
  def sq_float(x), do: sq(x * 1.0)
  def both(n), do: [sq(n) / 1, sq(n + 0.5)]
  def sum_sq_ints(n), do: Enum.sum(Enum.map(1..n, &sq/1))
  def sum_sq_floats(n), do: Enum.sum(Enum.map(1..n, fn i -> sq(i / 2) end))
  def poly(x), do: cube_plus(x)
  def dist(a, b), do: absdiff(a, b)
  def dist_list_i(xs), do: Enum.map(xs, fn x -> absdiff(x, 3) end)
  def dist_list_f(xs), do: Enum.map(xs, fn x -> absdiff(x, 0.5) end)
  def biggest_i(xs), do: biggest(xs)
  def biggest_f(xs), do: biggest(xs)
  def id_bool(b), do: ident(b)
  def id_int(i), do: ident(i)
  def id_list(xs), do: ident(xs)
  def generic(x), do: x * 2

  defp sq(x), do: x * x
  defp cube_plus(x), do: x * x * x + x
  defp absdiff(a, b) when a > b, do: a - b
  defp absdiff(a, b), do: b - a
  defp biggest(xs), do: Enum.reduce(xs, Enum.min(xs), fn x, acc -> max(x, acc) end)
  defp ident(x), do: x
end
# CALL: Polymorphic.sq_int(7)
# CALL: Polymorphic.sq_float(7)
# CALL: Polymorphic.both(3)
# CALL: Polymorphic.sum_sq_ints(10)
# CALL: Polymorphic.sum_sq_floats(10)
# CALL: Polymorphic.poly(3)
# CALL: Polymorphic.poly(1.5)
# CALL: Polymorphic.dist(3, 10)
# CALL: Polymorphic.dist(10.5, 3.25)
# CALL: Polymorphic.dist_list_i([1, 5])
# CALL: Polymorphic.dist_list_f([0.25, 1.0])
# CALL: Polymorphic.biggest_i([4, 9, 2])
# CALL: Polymorphic.biggest_f([4.5, -9.0, 2.0])
# CALL: Polymorphic.id_bool(true)
# CALL: Polymorphic.id_int(-3)
# CALL: Polymorphic.id_list([1, 2])
# CALL: Polymorphic.generic(21)
# CALL: Polymorphic.generic(1.25)
