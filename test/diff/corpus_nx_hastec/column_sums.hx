# Reductions over the leading axis (column sums, Nx.sum(x, axes: [0]), the
# bias gradients of a training step): compiled as a map over columns whose
# lanes are W consecutive columns, each lane folding its column down the
# rows in order (codegen/LLVMCodegen.cpp, vinner_fold). Shapes at the edges
# of that path: C a multiple of the lane count (8 and 16), C not one (37),
# C below it (3), one row, one column; f32, f64, s64 and s32 (wrapping);
# sum, product and mean; a rank-3 tensor (lanes + a per-row offset); the
# column sum of an expression (fused into the fold); Inf and NaN (IEEE);
# shapes known only at run time (a tensor argument) and at compile time.
defmodule NxhColSum do
  import Nx.Defn

  def sums(t), do: {Nx.sum(t, axes: [0]), Nx.mean(t, axes: [0]), Nx.product(t, axes: [0])}
  def sum0(t), do: Nx.sum(t, axes: [0])

  defn bias_grad(x, y), do: Nx.sum(x * y - 0.5, axes: [0])
  defn r3(t), do: {Nx.sum(t, axes: [0]), Nx.sum(t, axes: [0, 1])}

  # shapes fixed at compile time: the fold's bounds are constants
  def fixed_f32 do
    x = Nx.iota({32, 37}, type: :f32) |> Nx.multiply(0.125) |> Nx.subtract(20.0)
    Nx.sum(x, axes: [0])
  end

  def fixed_f64 do
    x = Nx.iota({5, 19}, type: :f64) |> Nx.divide(7.0) |> Nx.subtract(3.3)
    {Nx.sum(x, axes: [0]), Nx.mean(x, axes: [0])}
  end

  def fixed_s64 do
    x = Nx.iota({3, 10}, type: :s64) |> Nx.multiply(Nx.tensor(3_000_000_000_000, type: :s64))
    Nx.sum(x, axes: [0])
  end

  def fixed_grad do
    x = Nx.iota({32, 16}, type: :f32) |> Nx.divide(64.0)
    y = Nx.iota({32, 16}, type: :f32) |> Nx.remainder(5.0)
    bias_grad(x, y)
  end
end
# CALL: NxhColSum.sums(Nx.iota({4, 8}, type: :f32))
# CALL: NxhColSum.sums(Nx.divide(Nx.iota({3, 16}, type: :f32), 4.0))
# CALL: NxhColSum.sums(Nx.divide(Nx.iota({6, 37}, type: :f32), 16.0))
# CALL: NxhColSum.sums(Nx.tensor([[1.5, -2.0, 3.25], [4.0, 0.5, -6.0], [0.25, 8.0, 1.0]]))
# CALL: NxhColSum.sums(Nx.tensor([[1.5, -2.0, 3.25, 7.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.5]]))
# CALL: NxhColSum.sums(Nx.tensor([[1.5], [2.0], [-3.0]]))
# CALL: NxhColSum.sums(Nx.divide(Nx.iota({7, 13}, type: :f64), 3.0))
# CALL: NxhColSum.sums(Nx.iota({3, 9}, type: :s64))
# CALL: NxhColSum.sum0(Nx.multiply(Nx.iota({4, 11}, type: :s64), Nx.tensor(3_000_000_000_000, type: :s64)))
# CALL: NxhColSum.sum0(Nx.multiply(Nx.iota({2, 9}), 1_500_000_000))
# CALL: NxhColSum.sum0(Nx.tensor([[9000000000000000000, 8999999999999999993, 8999999999999999986, 8999999999999999979, 8999999999999999972, 8999999999999999965, 8999999999999999958, 8999999999999999951, 8999999999999999944], [8999999999999999999, 8999999999999999992, 8999999999999999985, 8999999999999999978, 8999999999999999971, 8999999999999999964, 8999999999999999957, 8999999999999999950, 8999999999999999943], [8999999999999999998, 8999999999999999991, 8999999999999999984, 8999999999999999977, 8999999999999999970, 8999999999999999963, 8999999999999999956, 8999999999999999949, 8999999999999999942]], type: :s64))
# CALL: NxhColSum.sum0(Nx.tensor([[1.0, :infinity, 3.0, :nan, 1.0, 2.0, 3.0, 4.0, 5.0], [2.0, 1.0, :neg_infinity, 1.0, 1.0, 2.0, 3.0, 4.0, :infinity]]))
# CALL: NxhColSum.bias_grad(Nx.divide(Nx.iota({5, 20}, type: :f32), 10.0), Nx.remainder(Nx.iota({5, 20}, type: :f32), 3.0))
# CALL: NxhColSum.r3(Nx.iota({3, 2, 9}, type: :f32))
# CALL: NxhColSum.r3(Nx.iota({2, 3, 5}, type: :s64))
# CALL: NxhColSum.fixed_f32()
# CALL: NxhColSum.fixed_f64()
# CALL: NxhColSum.fixed_s64()
# CALL: NxhColSum.fixed_grad()
