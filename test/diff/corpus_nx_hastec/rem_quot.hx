# Nx.remainder and Nx.quotient of integer tensors (Elixir's rem and div:
# truncating, a zero divisor raises), a permutation built with them and
# used to shuffle rows through Nx.take; Nx.remainder of floats is fmod (the
# dividend's sign, exact).
defmodule NxRemQuot do
  def r, do: Nx.remainder(Nx.tensor([7, -7, 9, 10]), Nx.tensor([3, 3, -4, 5]))
  def q, do: Nx.quotient(Nx.tensor([7, -7, 9, 10]), 3)
  def perm, do: Nx.remainder(Nx.multiply(Nx.iota({8}), 5), 8)
  def shuffle, do: Nx.take(Nx.iota({8, 2}), Nx.remainder(Nx.multiply(Nx.iota({8}), 3), 8))
  def zero, do: Nx.remainder(Nx.tensor([1, 2]), Nx.tensor([1, 0]))
  def wide, do: Nx.quotient(Nx.tensor([10_000_000_000], type: :s64), 7)
  def float_rem, do: Nx.remainder(Nx.tensor([5.5, -5.5, 7.25, -0.0, 1.0e10]), 2)
  def f64_rem, do: Nx.remainder(Nx.tensor([5.5, -5.5, 3.0], type: :f64), Nx.tensor([2.0, 2.0, -0.7], type: :f64))
  def mixed_rem, do: Nx.remainder(Nx.iota({4}), 2.5)
end
# CALL: NxRemQuot.r()
# CALL: NxRemQuot.q()
# CALL: NxRemQuot.perm()
# CALL: NxRemQuot.shuffle()
# CALL: NxRemQuot.zero()
# CALL: NxRemQuot.wide()
# CALL: NxRemQuot.float_rem()
# CALL: NxRemQuot.f64_rem()
# CALL: NxRemQuot.mixed_rem()
