# IEEE semantics of tensor floats. Where the operands are already
# non-finite, Nx's binary backend and hastec agree (Inf - Inf is NaN, NaN
# compares false, max/min propagate NaN, sums of Inf/NaN are Inf/NaN). Where finite operands give Inf/NaN,
# the binary backend raises ArithmeticError and hastec computes IEEE values
# as EXLA does: those calls are in known_differences.txt. So are numbers
# meeting an f64 tensor (Nx 0.9 goes through f32 / s32 first).
defmodule NxhIeee do
  def add(a, b), do: Nx.add(a, b)
  def sub(a, b), do: Nx.subtract(a, b)
  def mul(a, b), do: Nx.multiply(a, b)
  def div(a, b), do: Nx.divide(a, b)
  def funs(t), do: {Nx.exp(t), Nx.sigmoid(t), Nx.abs(t), Nx.negate(t)}
  def tanh(t), do: Nx.tanh(t)
  def log(t), do: Nx.log(t)
  def sqrt(t), do: Nx.sqrt(t)
  def exp(t), do: Nx.exp(t)
  def cmp(a, b), do: {Nx.equal(a, b), Nx.less(a, b), Nx.greater_equal(a, b), Nx.not_equal(a, b)}
  def mean(t), do: Nx.mean(t)
  def maxmin(a, b), do: {Nx.max(a, b), Nx.min(a, b)}
  def red(t), do: {Nx.sum(t), Nx.product(t), Nx.reduce_max(t), Nx.reduce_min(t)}
end
# Non-finite operands: the same in Nx and hastec.
# CALL: NxhIeee.add(Nx.tensor([:infinity, :infinity, :nan]), Nx.tensor([:neg_infinity, 1.0, 1.0]))
# CALL: NxhIeee.mul(Nx.tensor([:infinity, :neg_infinity], type: :f64), Nx.tensor([0.0, -2.0], type: :f64))
# CALL: NxhIeee.div(Nx.tensor([:infinity, 1.0, :nan]), 2)
# CALL: NxhIeee.div(Nx.tensor([0.0, 0.0], type: :f64), 0)
# CALL: NxhIeee.div(Nx.tensor([1.0, -1.0]), Nx.tensor([:infinity, :infinity]))
# CALL: NxhIeee.funs(Nx.tensor([:infinity, :neg_infinity, :nan]))
# CALL: NxhIeee.funs(Nx.tensor([:infinity, :neg_infinity, :nan], type: :f64))
# CALL: NxhIeee.log(Nx.tensor([0.0, :infinity, :nan]))
# CALL: NxhIeee.sqrt(Nx.tensor([:infinity, :neg_infinity, :nan, 0.0]))
# CALL: NxhIeee.cmp(Nx.tensor([:nan, :infinity, 1.0]), Nx.tensor([:nan, :infinity, :nan]))
# CALL: NxhIeee.mean(Nx.tensor([1.0, :infinity, 2.0]))
# CALL: NxhIeee.maxmin(Nx.tensor([:nan, 1.0, :infinity]), Nx.tensor([2.0, :nan, 3.0]))
# CALL: NxhIeee.red(Nx.tensor([1.0, :infinity, 2.0]))
# CALL: NxhIeee.red(Nx.tensor([1.0, :nan, -2.0], type: :f64))
# CALL: NxhIeee.red(Nx.tensor([:neg_infinity, :infinity]))
# CALL: NxhIeee.red(Nx.tensor([3.0e38, 3.0e38, -1.0]))
# CALL: NxhIeee.mean(Nx.tensor([:neg_infinity, :infinity], type: :f64))
# tanh(+-Inf): +-1.0 in IEEE/EXLA, NaN in the binary backend (known_differences.txt).
# CALL: NxhIeee.tanh(Nx.tensor([:infinity, :neg_infinity, :nan, 0.5]))
# CALL: NxhIeee.tanh(Nx.tensor([:infinity, 0.5], type: :f64))
# Finite operands, non-finite results: known differences.
# CALL: NxhIeee.div(Nx.tensor([1.0, -1.0, 0.0]), 0)
# CALL: NxhIeee.div(Nx.tensor([1, 0]), Nx.tensor([0, 0]))
# CALL: NxhIeee.div(Nx.tensor([2.0], type: :f64), Nx.tensor([0.0], type: :f64))
# CALL: NxhIeee.exp(Nx.tensor([1000.0, 1.0]))
# CALL: NxhIeee.exp(Nx.tensor([1000.0], type: :f64))
# CALL: NxhIeee.log(Nx.tensor([-1.0]))
# CALL: NxhIeee.sqrt(Nx.tensor([-1.0, 4.0]))
# CALL: NxhIeee.mul(Nx.tensor([1.0e308], type: :f64), 10)
# Numbers meeting f64 and s64 tensors.
# CALL: NxhIeee.add(Nx.tensor([-0.1], type: :f64), 0.1)
# CALL: NxhIeee.mul(Nx.tensor([3.0], type: :f64), 0.1)
# CALL: NxhIeee.add(Nx.tensor([1], type: :s64), 3_000_000_000)
