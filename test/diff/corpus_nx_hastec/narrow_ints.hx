# Nx's narrow integer types u8, u16, u32, s8, s16 (hastec holds them as
# 64-bit integers and wraps every result to the width): creation (low bits
# kept), arithmetic wrapping, Nx.Type.merge and merge_number (a literal
# widens a tensor only as far as it needs), comparisons' u8 used in
# arithmetic, sums/products aggregated to u32/s32, max/min/argmax keep the
# type, as_type from floats and integers, structural ops keep the type,
# Nx.type as an as_type/type: argument.
defmodule NxhNarrow do
  import Nx.Defn
  def create(), do: {Nx.tensor([1, 2, 300, -1], type: :u8), Nx.tensor([200, -200, 127], type: :s8), Nx.tensor([70000, -1], type: {:u, 16}), Nx.tensor([40000], type: :s16), Nx.tensor([-1, 5_000_000_000], type: :u32)}
  defn arith(t), do: {t + t, t - 1, t * 3, Nx.negate(t), Nx.abs(t), t * t}
  defn masks(t), do: {Nx.greater(t, 2) + Nx.greater(t, 1), Nx.greater(t, 2) * 300, Nx.greater(t, 2) - 1, Nx.greater(t, 2) + 1.5, Nx.negate(Nx.greater(t, 2))}
  defn literals(t), do: {t + 1, t + 255, t + 256, t + 65536, t - 300, t * -1, t + 2.5}
  defn mixed(a, b), do: {a + b, a - b, a * b}
  defn reductions(t), do: {Nx.sum(t), Nx.product(t), Nx.reduce_max(t), Nx.reduce_min(t), Nx.mean(t), Nx.argmax(t), Nx.sum(t, axes: [1])}
  defn divs(a, b), do: {Nx.quotient(a, b), Nx.remainder(a, b), a / b}
  defn to_u8(t), do: Nx.as_type(t, :u8)
  defn to_s8(t), do: Nx.as_type(t, :s8)
  defn to_u16(t), do: Nx.as_type(t, {:u, 16})
  defn like(t, u), do: Nx.as_type(t, Nx.type(u))
  defn shapes(t), do: {Nx.reshape(t, {3, 2}), Nx.transpose(t), Nx.slice(t, [0, 1], [2, 2]), Nx.concatenate([t, t], axis: 0), Nx.broadcast(Nx.tensor(7, type: :u8), {2}), t[1]}
  defn cmp(a, b), do: {Nx.greater(a, b), Nx.equal(a, b), Nx.max(a, b), Nx.select(Nx.greater(a, b), a, b)}
  def created(), do: {Nx.iota({4}, type: :u8), Nx.eye(2, type: :s16), Nx.iota({300}, type: :u8)[299]}
  def float_ops(t), do: {Nx.exp(t), Nx.sqrt(t), Nx.as_type(t, :f64)}
  # Nx.Random keys are u32 tensors: arithmetic on them is u32 arithmetic
  def keys(), do: {Nx.add(Nx.Random.key(1), 1), Nx.multiply(Nx.Random.key(7), 4_000_000_000)}
end
# CALL: NxhNarrow.create()
# CALL: NxhNarrow.arith(Nx.tensor([1, 2, 100, 0, 255], type: :u8))
# CALL: NxhNarrow.arith(Nx.tensor([1, -2, 100, 0, -128, 127], type: :s8))
# CALL: NxhNarrow.arith(Nx.tensor([1, 40000, 65535], type: :u16))
# CALL: NxhNarrow.arith(Nx.tensor([3, 4_000_000_000], type: :u32))
# CALL: NxhNarrow.arith(Nx.tensor([-32768, 200, 32767], type: :s16))
# CALL: NxhNarrow.masks(Nx.tensor([1, 5, 3, 7]))
# CALL: NxhNarrow.literals(Nx.tensor([0, 7, 255], type: :u8))
# CALL: NxhNarrow.literals(Nx.tensor([-128, 5, 127], type: :s8))
# CALL: NxhNarrow.mixed(Nx.tensor([250, 3], type: :u8), Nx.tensor([10, 4], type: :u8))
# CALL: NxhNarrow.mixed(Nx.tensor([250, 3], type: :u8), Nx.tensor([-10, 4], type: :s8))
# CALL: NxhNarrow.mixed(Nx.tensor([250, 3], type: :u8), Nx.tensor([-10, 4], type: :s32))
# CALL: NxhNarrow.mixed(Nx.tensor([250, 3], type: :u8), Nx.tensor([-10, 4], type: :s64))
# CALL: NxhNarrow.mixed(Nx.tensor([4_000_000_000, 3], type: :u32), Nx.tensor([-10, 4], type: :s32))
# CALL: NxhNarrow.mixed(Nx.tensor([250, 3], type: :u8), Nx.tensor([1.5, 4.25]))
# CALL: NxhNarrow.mixed(Nx.tensor([60000, 3], type: :u16), Nx.tensor([200, 4], type: :u8))
# CALL: NxhNarrow.reductions(Nx.tensor([[100, 200, 250], [1, 2, 3]], type: :u8))
# CALL: NxhNarrow.reductions(Nx.tensor([[100, -100, 27], [1, -2, 3]], type: :s8))
# CALL: NxhNarrow.reductions(Nx.tensor([[60000, 60000], [65535, 1]], type: :u16))
# CALL: NxhNarrow.divs(Nx.tensor([100, -128, 7], type: :s8), Nx.tensor([7, -1, 2], type: :s8))
# CALL: NxhNarrow.divs(Nx.tensor([250, 3], type: :u8), Nx.tensor([7, 2], type: :u8))
# CALL: NxhNarrow.to_u8(Nx.tensor([1.5, 300.7, -1.2, 255.9, :infinity, :neg_infinity, :nan]))
# CALL: NxhNarrow.to_u8(Nx.tensor([1, 300, -1, 255]))
# CALL: NxhNarrow.to_s8(Nx.tensor([1.5, 300.7, -1.2, 200.9, :infinity, :neg_infinity]))
# CALL: NxhNarrow.to_s8(Nx.tensor([200, 255, -129], type: :u8))
# CALL: NxhNarrow.to_u16(Nx.tensor([-1, 70000], type: :s64))
# CALL: NxhNarrow.like(Nx.tensor([1.5, 300.7]), Nx.tensor([1], type: :u16))
# CALL: NxhNarrow.like(Nx.tensor([300, -1], type: :u16), Nx.tensor([1], type: :u8))
# CALL: NxhNarrow.shapes(Nx.tensor([[1, 2, 3], [4, 5, 255]], type: :u8))
# CALL: NxhNarrow.cmp(Nx.tensor([200, 3], type: :u8), Nx.tensor([-1, 4], type: :s8))
# CALL: NxhNarrow.created()
# CALL: NxhNarrow.float_ops(Nx.tensor([4, 9], type: :u8))
# CALL: NxhNarrow.keys()
