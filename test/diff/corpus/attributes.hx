# Module attributes holding literals, used in bodies, guards and lambdas.
defmodule Attributes do
  @limit 100
  @rate 0.25
  @enabled true
  @big 1_000_000
  @mask 0xFF
  @neg 7

  def limit(), do: @limit
  def rate(), do: @rate
  def enabled(), do: @enabled
  def all_ints(), do: [@limit, @big, @mask, @neg]
  def scaled(x), do: x * @rate
  def capped(x) when x > @limit, do: @limit
  def capped(x), do: x
  def masked(x), do: rem(x, @mask + 1)
  def gated(x), do: if(@enabled, do: x - @neg, else: x)
  def in_lambda(n), do: Enum.map(1..n, fn i -> i * @limit - @neg end)
  def div_neg(x), do: [div(x, -@neg), rem(x, -@neg), div(-x, @neg)]

  # An attribute can be redefined; later functions see the new value.
  @limit 5
  def limit_again(), do: @limit
end
# CALL: Attributes.limit()
# CALL: Attributes.rate()
# CALL: Attributes.enabled()
# CALL: Attributes.all_ints()
# CALL: Attributes.scaled(8)
# CALL: Attributes.scaled(2.0)
# CALL: Attributes.capped(500)
# CALL: Attributes.capped(50)
# CALL: Attributes.masked(1000)
# CALL: Attributes.gated(10)
# CALL: Attributes.in_lambda(4)
# CALL: Attributes.div_neg(50)
# CALL: Attributes.limit_again()
