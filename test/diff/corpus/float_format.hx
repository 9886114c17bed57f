# Float printing across magnitudes: Elixir's shortest round-trip text.
defmodule FloatFormat do
  def tiny(), do: 1.0e-5
  def small(), do: 0.001
  def sixteen(), do: 1.0e16
  def fifteen(), do: 1.0e15
  def big(), do: 123456789.0
  def bigger(), do: 1.0e21 * 3
  def sum_tenths(), do: 0.1 + 0.2
  def list(), do: [1.0e-5, 0.0001, 0.1, 1.0, 10.0, 100.0, 1.0e3, 1.0e10, 1.0e15, 1.0e16, 1.0e17, 1.5e300, 5.0e-324]
  def scaled(x), do: [x * 1.0e-10, x * 1.0e-3, x, x * 1.0e3, x * 1.0e20, x * 1.0e100]
  def neg_zero(), do: 0.0 * -1.0
  def zero(), do: 0.0
  def third(), do: 2.0 / 3.0
  def powers(), do: Enum.map(0..20, fn i -> pow10(i) end)
  def inv_powers(), do: Enum.map(0..8, fn i -> 1 / pow10(i) end)
  def pi_ish(), do: 355 / 113
  def sevenths(), do: Enum.map(1..7, fn i -> i / 7 end)
  defp pow10(0), do: 1.0
  defp pow10(n), do: 10.0 * pow10(n - 1)
end
# CALL: FloatFormat.tiny()
# CALL: FloatFormat.small()
# CALL: FloatFormat.sixteen()
# CALL: FloatFormat.fifteen()
# CALL: FloatFormat.big()
# CALL: FloatFormat.bigger()
# CALL: FloatFormat.sum_tenths()
# CALL: FloatFormat.list()
# CALL: FloatFormat.scaled(1.234)
# CALL: FloatFormat.scaled(-7.0)
# CALL: FloatFormat.neg_zero()
# CALL: FloatFormat.zero()
# CALL: FloatFormat.third()
# CALL: FloatFormat.powers()
# CALL: FloatFormat.inv_powers()
# CALL: FloatFormat.pi_ish()
# CALL: FloatFormat.sevenths()
