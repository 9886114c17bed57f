# fn x -> ... end, fn x, acc -> ... end, multi-clause fns with guards,
# lambdas with do-block-like bodies and rebinding inside.
defmodule Lambdas do
  def simple(xs), do: Enum.map(xs, fn x -> x + 100 end)
  def two_args(xs), do: Enum.reduce(xs, 1, fn x, acc -> acc * 2 + x end)
  def multi(xs) do
    Enum.map(xs, fn
      0 -> 100
      x when x < 0 -> -x
      x -> x * 10
    end)
  end
  def multi_bool(xs) do
    Enum.map(xs, fn
      true -> 1
      false -> 0
    end)
  end
  def multi_reduce(xs) do
    Enum.reduce(xs, 0, fn
      x, acc when x > acc -> x
      _, acc -> acc
    end)
  end
  def body_block(xs) do
    Enum.map(xs, fn x ->
      y = x * x
      z = y + x
      z - 1
    end)
  end
  def with_if(xs), do: Enum.map(xs, fn x -> if x > 2, do: x, else: 0 end)
  def underscore(n), do: Enum.map(1..n, fn _ -> 7 end)
  def float_lambda(xs), do: Enum.map(xs, fn x -> x * x / 2 end)
  def shadow(x), do: Enum.map(1..3, fn x -> x * 2 end) |> Enum.map(fn y -> y + x end)
  def nested_calls(xs), do: Enum.map(xs, fn x -> helper(x) + helper(x + 1) end)
  def fold_multi(n) do
    Enum.reduce(1..n, 0, fn
      i, acc when rem(i, 3) == 0 -> acc + 100
      i, acc -> acc + i
    end)
  end
  defp helper(x), do: x * 3
end
# CALL: Lambdas.simple([1, 2])
# CALL: Lambdas.two_args([1, 0, 1, 1])
# CALL: Lambdas.multi([0, -4, 4])
# CALL: Lambdas.multi_bool([true, false, true])
# CALL: Lambdas.multi_reduce([3, 9, 2, 11, 4])
# CALL: Lambdas.multi_reduce([-1, -2])
# CALL: Lambdas.body_block([1, 2, 3])
# CALL: Lambdas.with_if([1, 2, 3, 4])
# CALL: Lambdas.underscore(3)
# CALL: Lambdas.float_lambda([1, 3])
# CALL: Lambdas.float_lambda([1.5])
# CALL: Lambdas.shadow(100)
# CALL: Lambdas.nested_calls([1, 2])
# CALL: Lambdas.fold_multi(10)
