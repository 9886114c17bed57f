# exp/log/sqrt/tanh/sigmoid: integer inputs become f32, the value is the f64
# libm result rounded once to f32. Non-finite inputs follow Nx's Complex
# rules (tanh(Inf) is NaN in the binary backend); f64 overflow and
# sqrt of a negative number raise ArithmeticError as in Nx's BinaryBackend.
defmodule NxUnary do
  def exp(), do: [Nx.exp(1), Nx.exp(Nx.tensor([1, 2, 3])), Nx.exp(Nx.tensor([0.5, -1.0], type: :f64))]
  def log(), do: [Nx.log(1), Nx.log(Nx.tensor([1, 2, 3])), Nx.log(Nx.tensor([0.0, -1.0, :infinity]))]
  def sqrt(), do: [Nx.sqrt(Nx.tensor([1, 2, 3])), Nx.sqrt(Nx.tensor([2.0], type: :f64)), Nx.sqrt(Nx.tensor([:infinity, :neg_infinity, 0.25]))]
  def tanh(), do: [Nx.tanh(Nx.tensor([1, 2, 3])), Nx.tanh(Nx.tensor([-0.5, 0.0, 20.0])), Nx.tanh(Nx.tensor([:infinity]))]
  def sigmoid(), do: [Nx.sigmoid(Nx.tensor([1, 2, 3])), Nx.sigmoid(Nx.tensor([0.0, -5.5, 30.0])), Nx.sigmoid(Nx.tensor([:infinity, :neg_infinity]))]
  def exp_special(), do: Nx.exp(Nx.tensor([:neg_infinity, :infinity, :nan, -200.0, 80.0]))
  def exp_f64_big(), do: Nx.exp(Nx.tensor([700.0], type: :f64))
  def exp_overflow(), do: Nx.exp(Nx.tensor([1000.0]))
  def sqrt_negative(), do: Nx.sqrt(Nx.tensor([-1.0]))
  def chain(), do: Nx.tensor([0.5, 1.5, 2.5]) |> Nx.exp() |> Nx.log() |> Nx.sqrt() |> Nx.tanh()
  def u8_input(), do: Nx.exp(Nx.tensor([0, 1], type: :u8))
end
# CALL: NxUnary.exp()
# CALL: NxUnary.log()
# CALL: NxUnary.sqrt()
# CALL: NxUnary.tanh()
# CALL: NxUnary.sigmoid()
# CALL: NxUnary.exp_special()
# CALL: NxUnary.exp_f64_big()
# CALL: NxUnary.exp_overflow()
# CALL: NxUnary.sqrt_negative()
# CALL: NxUnary.chain()
# CALL: NxUnary.u8_input()
