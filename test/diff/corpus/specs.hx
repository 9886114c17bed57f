# @spec'd entry points: integer(), float(), boolean(), [t] and list(t).
defmodule Specs do
  @spec inc(integer()) :: integer()
  def inc(x), do: x + 1

  @spec half(float()) :: float()
  def half(x), do: x / 2

  @spec flip(boolean()) :: boolean()
  def flip(b), do: not b

  @spec total([integer()]) :: integer()
  def total(xs), do: Enum.sum(xs)

  @spec ftotal(list(float())) :: float()
  def ftotal(xs), do: Enum.reduce(xs, 0.0, fn x, acc -> x + acc end)

  @spec doubled(list(integer())) :: list(integer())
  def doubled(xs), do: Enum.map(xs, fn x -> x * 2 end)

  @spec scale([float()], float()) :: [float()]
  def scale(xs, k), do: Enum.map(xs, fn x -> x * k end)

  @spec count_true([boolean()]) :: integer()
  def count_true(bs), do: Enum.count(bs, fn b -> b end)

  @spec negate_all([boolean()]) :: [boolean()]
  def negate_all(bs), do: Enum.map(bs, fn b -> not b end)

  @spec len([integer()]) :: integer()
  def len(xs), do: length(xs)

  @spec mix(integer(), float(), boolean()) :: float()
  def mix(n, x, b), do: if(b, do: n * x, else: n + x)

  @spec positives([integer()]) :: [integer()]
  def positives(xs), do: Enum.filter(xs, fn x -> x > 0 end)

  @spec is_big(integer()) :: boolean()
  def is_big(n), do: n > 1000
end
# CALL: Specs.inc(41)
# CALL: Specs.inc(-1)
# CALL: Specs.half(3.0)
# CALL: Specs.half(-0.5)
# CALL: Specs.flip(true)
# CALL: Specs.total([1, 2, 3, 4])
# CALL: Specs.total([])
# CALL: Specs.total([-5])
# CALL: Specs.ftotal([0.5, 0.25, 0.125])
# CALL: Specs.ftotal([])
# CALL: Specs.doubled([1, -2, 3])
# CALL: Specs.doubled([])
# CALL: Specs.scale([1.0, 2.0, 3.0], 1.5)
# CALL: Specs.count_true([true, false, true, true])
# CALL: Specs.count_true([])
# CALL: Specs.negate_all([true, false])
# CALL: Specs.len([7, 8, 9])
# CALL: Specs.len([])
# CALL: Specs.mix(3, 2.5, true)
# CALL: Specs.mix(3, 2.5, false)
# CALL: Specs.positives([-1, 2, -3, 4, 0])
# CALL: Specs.positives([-1, -2])
# CALL: Specs.is_big(1001)
# CALL: Specs.is_big(1000)
