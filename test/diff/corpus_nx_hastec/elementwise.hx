# Every elementwise function of hastec's Nx subset on each supported type
# (f32, f64, s32, s64), Nx's type promotion (numbers are weak), operators
# inside defn (in a plain def they raise in Elixir; hastec refuses them:
# test/lit/nx/dot_general.hx), comparisons (u8 results), select, clip and as_type.
defmodule NxhElem do
  import Nx.Defn

  def add(a, b), do: Nx.add(a, b)
  def subtract(a, b), do: Nx.subtract(a, b)
  def multiply(a, b), do: Nx.multiply(a, b)
  def divide(a, b), do: Nx.divide(a, b)
  def pow(a, b), do: Nx.pow(a, b)
  def max(a, b), do: Nx.max(a, b)
  def min(a, b), do: Nx.min(a, b)
  defn ops(a, b), do: {a + b, a - b, a * b, a / b, -a}
  def cmp_funs(a, b) do
    {Nx.equal(a, b), Nx.not_equal(a, b), Nx.less(a, b), Nx.less_equal(a, b), Nx.greater(a, b), Nx.greater_equal(a, b)}
  end
  def int_unary(t), do: {Nx.negate(t), Nx.abs(t)}
  def float_unary(t), do: {Nx.negate(t), Nx.abs(t), Nx.exp(t), Nx.sqrt(Nx.abs(t)), Nx.tanh(t), Nx.sigmoid(t)}
  def square(t), do: Nx.square(t)
  def log_of(t), do: Nx.log(t)
  def rsqrt(t), do: Nx.rsqrt(t)
  def trig(t), do: {Nx.sin(t), Nx.cos(t), Nx.tan(t), Nx.atan(t)}
  def int_to_float(t), do: {Nx.exp(t), Nx.sqrt(t), Nx.log(t), Nx.tanh(t), Nx.sigmoid(t)}
  def select(t), do: Nx.select(Nx.greater(t, 2), t, Nx.negate(t))
  def select_num(t), do: Nx.select(Nx.less(t, 0), 0, t)
  def select_mask(m, a, b), do: Nx.select(m, a, b)
  def clip(t, lo, hi), do: Nx.clip(t, lo, hi)
  def as_type(t), do: {Nx.as_type(t, :f32), Nx.as_type(t, :f64), Nx.as_type(t, :s32), Nx.as_type(t, :s64)}
  def as_type_bool(t), do: Nx.as_type(Nx.greater(t, 1), :f32)
  def chain(t), do: Nx.add(Nx.multiply(t, 2), 1) |> Nx.subtract(Nx.divide(t, 4)) |> Nx.max(0.5)
  def scalar_ops(), do: {Nx.add(1, 2), Nx.add(1, 2.5), Nx.multiply(2.0, 3), Nx.divide(1, 4), Nx.subtract(1.5, 3)}
  def scalar_funs(), do: {Nx.exp(1), Nx.max(2, 3.5), Nx.min(2, 3), Nx.pow(2.0, 3), Nx.sqrt(2.0), Nx.abs(-3), Nx.negate(3)}
end
# Same-type arithmetic, each type.
# CALL: NxhElem.add(Nx.tensor([1, 2, 3]), Nx.tensor([10, 20, 30]))
# CALL: NxhElem.add(Nx.tensor([1, 2, 3], type: :s64), Nx.tensor([10, 20, 30], type: :s64))
# CALL: NxhElem.add(Nx.tensor([0.1, 0.2, 0.3]), Nx.tensor([0.2, 0.3, 0.4]))
# CALL: NxhElem.add(Nx.tensor([0.1, 0.2, 0.3], type: :f64), Nx.tensor([0.2, 0.3, 0.4], type: :f64))
# CALL: NxhElem.subtract(Nx.tensor([1, 2, 3]), Nx.tensor([10, 20, 30]))
# CALL: NxhElem.subtract(Nx.tensor([1.5, 2.5], type: :f64), Nx.tensor([0.25, 5.0], type: :f64))
# CALL: NxhElem.multiply(Nx.tensor([1.1, 2.2, 3.3]), Nx.tensor([3.0, 3.0, 3.0]))
# CALL: NxhElem.multiply(Nx.tensor([100000, -7], type: :s64), Nx.tensor([100000, 6], type: :s64))
# CALL: NxhElem.divide(Nx.tensor([1.0, 2.0, 3.0]), Nx.tensor([3.0, 3.0, 3.0]))
# CALL: NxhElem.divide(Nx.tensor([1.0, 2.0], type: :f64), Nx.tensor([3.0, 7.0], type: :f64))
# CALL: NxhElem.divide(Nx.tensor([1, 7, -9]), Nx.tensor([2, 2, 4]))
# CALL: NxhElem.divide(Nx.tensor([1, 7], type: :s64), Nx.tensor([3, 2], type: :s64))
# CALL: NxhElem.pow(Nx.tensor([2.0, 9.0, 0.5]), Nx.tensor([3.0, 0.5, 2.0]))
# CALL: NxhElem.pow(Nx.tensor([2.0, 9.0], type: :f64), 0.5)
# CALL: NxhElem.pow(Nx.tensor([1.5, 2.0]), 2)
# CALL: NxhElem.max(Nx.tensor([1, 5, 3]), Nx.tensor([4, 2, 3]))
# CALL: NxhElem.min(Nx.tensor([1.5, -5.0], type: :f64), Nx.tensor([4.0, -2.0], type: :f64))
# CALL: NxhElem.max(Nx.tensor([1, 5, 3], type: :s64), 2)
# CALL: NxhElem.min(Nx.tensor([1.5, 2.5, 3.5]), 2)
# Type promotion: s32+s64 -> s64, s32+f32 -> f32, s64+f32 -> f32, f32+f64 -> f64, s32+f64 -> f64.
# CALL: NxhElem.add(Nx.tensor([1, 2]), Nx.tensor([3, 4], type: :s64))
# CALL: NxhElem.add(Nx.tensor([1, 2]), Nx.tensor([0.5, 0.25]))
# CALL: NxhElem.add(Nx.tensor([1, 2], type: :s64), Nx.tensor([0.5, 0.25]))
# CALL: NxhElem.add(Nx.tensor([0.1, 0.2]), Nx.tensor([0.1, 0.2], type: :f64))
# CALL: NxhElem.multiply(Nx.tensor([3, 4]), Nx.tensor([0.5, 0.25], type: :f64))
# CALL: NxhElem.subtract(Nx.tensor([1.5], type: :f64), Nx.tensor([1], type: :s64))
# Weak numbers: s32 + 1 stays s32, s64 + 1.5 is f32, f32 * 2 stays f32.
# CALL: NxhElem.add(Nx.tensor([1, 2]), 1)
# CALL: NxhElem.add(Nx.tensor([1, 2], type: :s64), 1.5)
# CALL: NxhElem.multiply(Nx.tensor([1.5, 2.5]), 2)
# CALL: NxhElem.multiply(Nx.tensor([1.5, 2.5], type: :f64), 2)
# CALL: NxhElem.subtract(10, Nx.tensor([1, 2, 3]))
# CALL: NxhElem.divide(1, Nx.tensor([1, 2, 4]))
# CALL: NxhElem.divide(Nx.tensor([1.0, 2.0], type: :f64), 4)
# Integer wrap-around at the type's width.
# CALL: NxhElem.add(Nx.tensor([2_147_483_647]), 1)
# CALL: NxhElem.multiply(Nx.tensor([65536, -65536]), Nx.tensor([65536, 65536]))
# CALL: NxhElem.add(Nx.tensor([9_223_372_036_854_775_807], type: :s64), Nx.tensor([1], type: :s64))
# CALL: NxhElem.subtract(Nx.tensor([-2_147_483_648]), 1)
# f32 rounding and overflow.
# CALL: NxhElem.multiply(Nx.tensor([0.1, 0.2, 0.3]), 3)
# CALL: NxhElem.multiply(Nx.tensor([1.0e30, -1.0e30]), 1.0e30)
# CALL: NxhElem.add(Nx.tensor([16_777_216.0]), 1.0)
# Operators in a plain def: an extension (known_differences.txt); comparisons
# there are a compile error (test/lit/nx/bug_plain_def_compare.hx).
# CALL: NxhElem.ops(Nx.tensor([1.0, -2.0, 3.5]), Nx.tensor([2.0, 4.0, -0.5]))
# CALL: NxhElem.cmp_funs(Nx.tensor([1.0, 2.0, 3.0], type: :f64), Nx.tensor([2.0, 2.0, 2.0], type: :f64))
# CALL: NxhElem.cmp_funs(Nx.tensor([1, 2, 3], type: :s64), 2)
# Unary functions.
# CALL: NxhElem.int_unary(Nx.tensor([-3, 0, 4]))
# CALL: NxhElem.int_unary(Nx.tensor([-3, 5_000_000_000], type: :s64))
# CALL: NxhElem.int_unary(Nx.tensor([-2_147_483_648, 65536]))
# CALL: NxhElem.square(Nx.tensor([-3, 65536]))
# CALL: NxhElem.square(Nx.tensor([-3, 5_000_000_000], type: :s64))
# CALL: NxhElem.square(Nx.tensor([-1.5, 0.1, 1.0e20]))
# CALL: NxhElem.square(Nx.tensor([-1.5, 0.1], type: :f64))
# CALL: NxhElem.float_unary(Nx.tensor([-1.5, 0.0, 0.5, 2.0]))
# CALL: NxhElem.float_unary(Nx.tensor([-1.5, 0.0, 0.5, 2.0], type: :f64))
# CALL: NxhElem.float_unary(Nx.tensor([-0.0, 20.0, -20.0, 88.0]))
# CALL: NxhElem.log_of(Nx.tensor([1.0, 2.0, 0.5, 100.0]))
# CALL: NxhElem.log_of(Nx.tensor([1.0, 2.0, 0.5, 100.0], type: :f64))
# CALL: NxhElem.rsqrt(Nx.tensor([1.0, 4.0, 2.0]))
# CALL: NxhElem.rsqrt(Nx.tensor([1.0, 4.0, 2.0], type: :f64))
# CALL: NxhElem.trig(Nx.tensor([0.0, 0.5, 1.0, -2.0]))
# CALL: NxhElem.trig(Nx.tensor([0.0, 0.5, 1.0, -2.0], type: :f64))
# CALL: NxhElem.int_to_float(Nx.tensor([1, 2, 4]))
# CALL: NxhElem.int_to_float(Nx.tensor([1, 2, 4], type: :s64))
# select, clip, as_type.
# CALL: NxhElem.select(Nx.tensor([1, 5, 3, -2]))
# CALL: NxhElem.select(Nx.tensor([1.5, 5.0, 3.0], type: :f64))
# CALL: NxhElem.select_num(Nx.tensor([-1.5, 2.5, -0.5]))
# CALL: NxhElem.select_num(Nx.tensor([-1, 2, -3], type: :s64))
# CALL: NxhElem.select_mask(Nx.tensor([1, 0, 2]), Nx.tensor([1.0, 2.0, 3.0]), Nx.tensor([-1, -2, -3]))
# CALL: NxhElem.select_mask(Nx.tensor([1, 0], type: :s64), 1.5, Nx.tensor([7, 8]))
# CALL: NxhElem.clip(Nx.tensor([-5, 0, 5, 10]), -2, 4)
# CALL: NxhElem.clip(Nx.tensor([-5.5, 0.5, 5.5], type: :f64), -2, 4.5)
# CALL: NxhElem.clip(Nx.tensor([1, 2, 3], type: :s64), 2, 2)
# CALL: NxhElem.clip(Nx.tensor([-1.0, 0.25, 3.0]), 0.0, 1.0)
# CALL: NxhElem.as_type(Nx.tensor([1.75, -1.75, 0.5]))
# CALL: NxhElem.as_type(Nx.tensor([1.75, -2.5e9, 3.0e9], type: :f64))
# CALL: NxhElem.as_type(Nx.tensor([1, -2, 3]))
# CALL: NxhElem.as_type(Nx.tensor([16_777_217, -5_000_000_000], type: :s64))
# CALL: NxhElem.as_type_bool(Nx.tensor([0, 1, 2, 3]))
# Chains and numbers.
# CALL: NxhElem.chain(Nx.tensor([1.0, -2.0, 3.0, 0.0]))
# CALL: NxhElem.chain(Nx.tensor([1, -2, 3, 0]))
# CALL: NxhElem.chain(Nx.tensor([1, -2, 3, 0], type: :s64))
# CALL: NxhElem.chain(Nx.tensor([1.0, -2.0, 3.0, 0.0], type: :f64))
# CALL: NxhElem.scalar_ops()
# CALL: NxhElem.scalar_funs()
