# List values used several times, captured by closures, returned from
# branches, passed to helpers twice, threaded through recursion: what the
# compiler's ownership of arrays (borrowed vs owned, fused vs stored) must
# get right.
defmodule Ownership do
  def twice_used(n) do
    xs = Enum.map(1..n, fn x -> x * 2 end)
    [Enum.sum(xs), length(xs), Enum.max(xs)]
  end

  def returned_and_used(n) do
    xs = Enum.map(1..n, fn x -> x * 2 end)
    ys = Enum.map(xs, fn x -> x + 1 end)
    zs = Enum.filter(xs, fn x -> x > 2 end)
    [Enum.sum(ys), Enum.sum(zs), Enum.sum(xs)]
  end

  def closure_list(n) do
    xs = Enum.to_list(1..n)
    Enum.map(1..3, fn i -> Enum.sum(xs) * i + length(xs) end)
  end

  def closure_list2(n) do
    xs = Enum.map(1..n, fn x -> x * x end)
    Enum.map(xs, fn x -> x + Enum.count(xs, fn y -> y < x end) end)
  end

  def branch_list(c, n) do
    xs = Enum.to_list(1..n)
    ys = Enum.map(xs, fn x -> -x end)
    if c, do: xs, else: ys
  end

  def loop(xs, 0), do: xs
  def loop(xs, n), do: loop(Enum.map(xs, fn x -> x + n end), n - 1)
  def loop_start(n), do: loop(Enum.to_list(1..3), n)

  def pass_list(n), do: helper(Enum.to_list(1..n), Enum.to_list(n..1))
  def same_twice(n) do
    xs = Enum.to_list(1..n)
    helper(xs, xs)
  end
  defp helper(a, b), do: Enum.sum(Enum.map(a, fn x -> x * 10 end)) + Enum.sum(b) + length(a)

  def ret_param(xs), do: xs
  def ret_param_twice(xs), do: [Enum.sum(ret_param(xs)), Enum.sum(ret_param(xs))]

  @spec pick([integer()], boolean()) :: [integer()]
  def pick(xs, c), do: if(c, do: xs, else: Enum.map(xs, fn x -> x * 2 end))

  @spec shrink([integer()], integer()) :: [integer()]
  def shrink(xs, 0), do: xs
  def shrink(xs, n), do: shrink(Enum.filter(xs, fn x -> x > n end), n - 1)

  @spec both([integer()]) :: integer()
  def both(xs) do
    ys = pick(xs, true)
    zs = pick(xs, false)
    Enum.sum(ys) + Enum.sum(zs) + Enum.sum(xs)
  end

  @spec keep([integer()], [integer()], boolean()) :: [integer()]
  def keep(a, b, c), do: if(c, do: a, else: b)

  def lits(c), do: if(c, do: [1, 2], else: [3])
  def lit_vs_new(c, n), do: if(c, do: [1, 2], else: Enum.to_list(1..n))
  def lit_in_list(a), do: Enum.sum([a, a * 2, 3])
end
# CALL: Ownership.twice_used(5)
# CALL: Ownership.returned_and_used(5)
# CALL: Ownership.closure_list(4)
# CALL: Ownership.closure_list2(5)
# CALL: Ownership.branch_list(true, 3)
# CALL: Ownership.branch_list(false, 3)
# CALL: Ownership.loop_start(4)
# CALL: Ownership.loop([1, 2], 3)
# CALL: Ownership.pass_list(4)
# CALL: Ownership.same_twice(4)
# CALL: Ownership.ret_param_twice([1, 2, 3])
# CALL: Ownership.pick([1, 2, 3], true)
# CALL: Ownership.pick([1, 2, 3], false)
# CALL: Ownership.shrink([5, 1, 7, 3], 4)
# CALL: Ownership.shrink([5, 1, 7, 3], 0)
# CALL: Ownership.both([1, 2])
# CALL: Ownership.keep([1], [2], true)
# CALL: Ownership.keep([1], [2], false)
# CALL: Ownership.lits(true)
# CALL: Ownership.lits(false)
# CALL: Ownership.lit_vs_new(false, 3)
# CALL: Ownership.lit_in_list(5)
