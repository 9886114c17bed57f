# Closures over parameters and locals; nested lambdas capturing from
# several enclosing scopes.
defmodule Closures do
  def scale(xs, k), do: Enum.map(xs, fn x -> x * k end)
  def offset_scale(xs, a, b) do
    c = a * b
    Enum.map(xs, fn x -> x * a + b - c end)
  end
  def nested(n, k) do
    Enum.map(1..n, fn i ->
      Enum.sum(Enum.map(1..i, fn j -> i * j + k end))
    end)
  end
  def nested_filter(n, m) do
    Enum.map(1..n, fn i -> Enum.count(1..m, fn j -> rem(i * j, m) == 0 end) end)
  end
  def capture_rebound(x) do
    f_in = x + 1
    x = x * 100
    Enum.map(1..3, fn i -> i + x + f_in end)
  end
  def threshold(xs, t), do: Enum.filter(xs, fn x -> x >= t end)
  def float_closure(xs, r), do: Enum.reduce(xs, 0.0, fn x, acc -> acc * r + x end)
  def bool_closure(xs, flag), do: Enum.map(xs, fn x -> if flag, do: x, else: -x end)
  def triple_nest(n) do
    Enum.sum(Enum.map(1..n, fn a ->
      Enum.sum(Enum.map(1..a, fn b ->
        Enum.sum(Enum.map(1..b, fn c -> a * 100 + b * 10 + c end))
      end))
    end))
  end
  def closure_in_reduce(n, step) do
    Enum.reduce(1..n, 0, fn i, acc -> acc + Enum.count(1..i, fn j -> rem(j, step) == 0 end) end)
  end
  def capture_with_closure(xs, p), do: Enum.map(xs, &rem(&1 * p, 7))
end
# CALL: Closures.scale([1, 2, 3], 4)
# CALL: Closures.scale([1.5, 2.0], 2.0)
# CALL: Closures.offset_scale([1, 2, 3], 2, 3)
# CALL: Closures.nested(4, 1)
# CALL: Closures.nested(1, 0)
# CALL: Closures.nested_filter(6, 6)
# CALL: Closures.capture_rebound(5)
# CALL: Closures.threshold([5, 1, 7, 3], 4)
# CALL: Closures.threshold([5, 1, 7, 3], 10)
# CALL: Closures.float_closure([1.0, 2.0, 3.0], 0.5)
# CALL: Closures.bool_closure([1, 2], true)
# CALL: Closures.bool_closure([1, 2], false)
# CALL: Closures.triple_nest(4)
# CALL: Closures.closure_in_reduce(10, 3)
# CALL: Closures.capture_with_closure([1, 2, 3, 4], 3)
