# Element-wise arithmetic and type promotion (Nx.Type.merge / merge_number):
# s32 + f32 -> f32, s32 + f64 -> f64, u8 + s32 -> s32, u8 + -1 -> s16-like
# merge (u8 + s32 number), divide always floats, integer results wrap and
# f32 results are the f64 result rounded once to f32.
defmodule NxArith do
  def add_scalars(), do: [Nx.add(1, 2), Nx.add(1, 2.2), Nx.add(1.5, 2.25)]
  def add_int_float(), do: Nx.add(Nx.tensor([1, 2, 3]), 1.0)
  def add_float_int(), do: Nx.add(Nx.tensor([1.0, 2.0, 3.0]), 1)
  def add_u8_neg(), do: Nx.add(Nx.tensor([0, 1, 2], type: :u8), -1)
  def add_u8_s32(), do: Nx.add(Nx.tensor([250, 251], type: :u8), Nx.tensor([10, 10]))
  def add_s32_f64(), do: Nx.add(Nx.tensor([1, 2]), Nx.tensor([0.5, 0.25], type: :f64))
  def add_f32_f64(), do: Nx.add(Nx.tensor([0.1]), Nx.tensor([0.1], type: :f64))
  def f64_plus_float_constant(), do: Nx.add(Nx.tensor([1.0], type: :f64), 0.1)
  def add_u8_wrap(), do: Nx.add(Nx.tensor([200, 100], type: :u8), Nx.tensor([100, 100], type: :u8))
  def add_s32_wrap(), do: Nx.add(Nx.tensor([2_147_483_647]), 1)
  def add_s64(), do: Nx.add(Nx.tensor([9_223_372_036_854_775_807], type: :s64), Nx.tensor([1], type: :s64))
  def sub(), do: [Nx.subtract(1, 2), Nx.subtract(Nx.tensor([1, 2, 3]), 1), Nx.subtract(1, Nx.tensor([1.0, 2.0, 3.0]))]
  def sub_u8(), do: Nx.subtract(Nx.tensor([1, 2], type: :u8), Nx.tensor([2, 2], type: :u8))
  def mul(), do: [Nx.multiply(2, 3), Nx.multiply(Nx.tensor([1.5, 2.5]), Nx.tensor([2, 3]))]
  def mul_wrap(), do: Nx.multiply(Nx.tensor([65536]), Nx.tensor([65536]))
  def mul_f32_round(), do: Nx.multiply(Nx.tensor([0.1, 0.2, 0.3]), 3)
  def mul_f32_overflow(), do: Nx.multiply(Nx.tensor([1.0e30, -1.0e30]), 1.0e30)
  def div_ints(), do: [Nx.divide(1, 2), Nx.divide(Nx.tensor([1, 2, 3]), 1)]
  def div_floats(), do: Nx.divide(1, Nx.tensor([1.0, 2.0, 3.0]))
  def div_matrix(), do: Nx.divide(Nx.tensor([[1], [2]]), Nx.tensor([[10, 20]]))
  def div_f64(), do: Nx.divide(Nx.tensor([1.0, 2.0], type: :f64), 3)
  def div_zero_zero(), do: Nx.divide(Nx.tensor([0.0]), 0)
  def div_inf(), do: Nx.divide(Nx.tensor([:infinity, 1.0, :nan]), 2)
  def pow_ints(), do: [Nx.pow(2, 4), Nx.pow(Nx.tensor([1, 2, 3]), 2)]
  def pow_float(), do: Nx.pow(2, Nx.tensor([1.0, 2.0, 3.0]))
  def pow_matrix(), do: Nx.pow(Nx.tensor([[2], [3]]), Nx.tensor([[4, 5]]))
  def pow_frac(), do: Nx.pow(Nx.tensor([2.0, 9.0]), 0.5)
  def pow_wrap(), do: Nx.pow(Nx.tensor([3]), 21)
  def max_min(), do: [Nx.max(1, 2), Nx.min(1, 2), Nx.max(Nx.tensor([1, 5, 3]), Nx.tensor([4.0, 2.0, 3.0]))]
  def max_nan(), do: [Nx.max(Nx.tensor([:nan, 1.0]), 2.0), Nx.min(Nx.tensor([:infinity, :neg_infinity]), 0)]
  def negate(), do: [Nx.negate(1), Nx.negate(Nx.tensor([-1, 0, 1])), Nx.negate(Nx.tensor([1.0, 2.0, 3.0]))]
  def negate_u8(), do: Nx.negate(Nx.tensor([0, 1, 2], type: :u8))
  def negate_special(), do: Nx.negate(Nx.tensor([0.0, :infinity, :nan]))
  def inf_arith(), do: [Nx.add(Nx.tensor([:infinity]), Nx.tensor([:neg_infinity])), Nx.multiply(Nx.tensor([:infinity]), 0)]
  def large_int_constant(), do: Nx.add(Nx.tensor([1], type: :s64), 3_000_000_000)
end
# CALL: NxArith.add_scalars()
# CALL: NxArith.add_int_float()
# CALL: NxArith.add_float_int()
# CALL: NxArith.add_u8_neg()
# CALL: NxArith.add_u8_s32()
# CALL: NxArith.add_s32_f64()
# CALL: NxArith.add_f32_f64()
# CALL: NxArith.f64_plus_float_constant()
# CALL: NxArith.add_u8_wrap()
# CALL: NxArith.add_s32_wrap()
# CALL: NxArith.add_s64()
# CALL: NxArith.sub()
# CALL: NxArith.sub_u8()
# CALL: NxArith.mul()
# CALL: NxArith.mul_wrap()
# CALL: NxArith.mul_f32_round()
# CALL: NxArith.mul_f32_overflow()
# CALL: NxArith.div_ints()
# CALL: NxArith.div_floats()
# CALL: NxArith.div_matrix()
# CALL: NxArith.div_f64()
# CALL: NxArith.div_zero_zero()
# CALL: NxArith.div_inf()
# CALL: NxArith.pow_ints()
# CALL: NxArith.pow_float()
# CALL: NxArith.pow_matrix()
# CALL: NxArith.pow_frac()
# CALL: NxArith.pow_wrap()
# CALL: NxArith.max_min()
# CALL: NxArith.max_nan()
# CALL: NxArith.negate()
# CALL: NxArith.negate_u8()
# CALL: NxArith.negate_special()
# CALL: NxArith.inf_arith()
# CALL: NxArith.large_int_constant()
