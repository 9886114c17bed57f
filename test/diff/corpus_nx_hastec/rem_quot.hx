# Nx.remainder and Nx.quotient of integer tensors (Elixir's rem and div:
# truncating, a zero divisor raises), a permutation built with them and
# used to shuffle rows through Nx.take.
defmodule NxRemQuot do
  def r, do: Nx.remainder(Nx.tensor([7, -7, 9, 10]), Nx.tensor([3, 3, -4, 5]))
  def q, do: Nx.quotient(Nx.tensor([7, -7, 9, 10]), 3)
  def perm, do: Nx.remainder(Nx.multiply(Nx.iota({8}), 5), 8)
  def shuffle, do: Nx.take(Nx.iota({8, 2}), Nx.remainder(Nx.multiply(Nx.iota({8}), 3), 8))
  def zero, do: Nx.remainder(Nx.tensor([1, 2]), Nx.tensor([1, 0]))
  def wide, do: Nx.quotient(Nx.tensor([10_000_000_000], type: :s64), 7)
end
# CALL: NxRemQuot.r()
# CALL: NxRemQuot.q()
# CALL: NxRemQuot.perm()
# CALL: NxRemQuot.shuffle()
# CALL: NxRemQuot.zero()
# CALL: NxRemQuot.wide()
