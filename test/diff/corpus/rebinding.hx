# Variables and rebinding in do-blocks; rebinding with the same name and
# a different type; shadowing by lambda parameters.
defmodule Rebinding do
  def steps(x) do
    x = x + 1
    x = x * 2
    x = x - 3
    x
  end

  def retype(n) do
    x = n
    x = x / 4
    x = x + 1
    x
  end

  def swap_like(a, b) do
    t = a
    a = b
    b = t
    a * 10 + b
  end

  def in_branches(x) do
    y = if x > 0, do: x * 2, else: x * -3
    y = y + 1
    z = unless y > 10, do: y, else: 10
    z * 100 + y
  end

  def list_rebind(n) do
    xs = Enum.to_list(1..n)
    xs = Enum.map(xs, fn x -> x * x end)
    xs = Enum.filter(xs, fn x -> x > 4 end)
    xs
  end

  def accumulate(n) do
    total = 0
    total = total + Enum.sum(1..n)
    total = total * 2
    count = length(Enum.to_list(1..n))
    total + count
  end

  def underscore_vars(_unused, b) do
    _ignored = b * 2
    b
  end
end
# CALL: Rebinding.steps(5)
# CALL: Rebinding.retype(6)
# CALL: Rebinding.swap_like(1, 2)
# CALL: Rebinding.in_branches(3)
# CALL: Rebinding.in_branches(10)
# CALL: Rebinding.in_branches(-1)
# CALL: Rebinding.list_rebind(5)
# CALL: Rebinding.accumulate(10)
# CALL: Rebinding.underscore_vars(1, 2)
