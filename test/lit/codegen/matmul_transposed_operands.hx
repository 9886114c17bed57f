# RUN: %hastec build %s --emit=llvm | FileCheck %s --check-prefix=LLVM
# RUN: %hastec run %s -e 'MatT.show()' | FileCheck %s --check-prefix=OUT
# A transposed operand of Nx.dot (Nx.transpose, and the transposes that the
# backward pass of a dot produces) reaches libhxrt's GEMM as the stored
# matrix with its trans flag set (codegen/LLVMCodegen.cpp,
# transposed_source), not as a materialised copy: no gather loop, the same
# bits. Arguments: m, n, k, A, lda, trans_a, B, ldb, trans_b, C, ldc.
# The printed values are real Elixir's (stdlib/ref/nx.exs).

defmodule MatT do
  import Nx.Defn

  defn at_b(a, b), do: Nx.dot(Nx.transpose(a), b)
  defn a_bt(a, b), do: Nx.dot(a, Nx.transpose(b))
  defn at_bt(a, b), do: Nx.dot(Nx.transpose(a), Nx.transpose(b))
  defn scaled(a, b), do: Nx.dot(Nx.multiply(a, 2.0), b)

  @spec run() :: float()
  def run do
    {x, y, z} = show()
    w = scaled(Nx.iota({2, 3}, type: :f32), Nx.iota({3, 4}, type: :f32))
    Nx.to_number(Nx.sum(x)) + Nx.to_number(Nx.sum(y)) + Nx.to_number(Nx.sum(z)) + Nx.to_number(Nx.sum(w))
  end

  def show do
    a = Nx.iota({3, 2}, type: :f32) |> Nx.subtract(2.5)
    b = Nx.iota({3, 4}, type: :f32) |> Nx.multiply(0.5)
    c = Nx.iota({4, 2}, type: :f32)
    d = Nx.iota({2, 3}, type: :f32) |> Nx.subtract(1.0)
    {at_b(a, b), a_bt(a, c), at_bt(b, d)}
  end
end

# LLVM-LABEL: define internal {{.*}}@hxb.MatT_run(
# LLVM:   call i32 @hxrt_gemm_f32(i64 2, i64 4, i64 3, ptr %{{.*}}, i64 2, i32 1, ptr %{{.*}}, i64 4, i32 0, ptr %{{.*}}, i64 4)
# LLVM:   call i32 @hxrt_gemm_f32(i64 3, i64 4, i64 2, ptr %{{.*}}, i64 2, i32 0, ptr %{{.*}}, i64 2, i32 1, ptr %{{.*}}, i64 4)
# LLVM:   call i32 @hxrt_gemm_f32(i64 4, i64 2, i64 3, ptr %{{.*}}, i64 4, i32 1, ptr %{{.*}}, i64 3, i32 1, ptr %{{.*}}, i64 2)
# not a transpose: materialised, trans_a 0
# LLVM:   call i32 @hxrt_gemm_f32(i64 2, i64 4, i64 3, ptr %{{.*}}, i64 3, i32 0, ptr %{{.*}}, i64 4, i32 0, ptr %{{.*}}, i64 4)

# OUT:      [5.0, 4.25, 3.5, 2.75],
# OUT-NEXT: [11.0, 11.75, 12.5, 13.25]
# OUT:      [-1.5, -9.5, -17.5, -25.5],
# OUT-NEXT: [0.5, 0.5, 0.5, 0.5],
# OUT-NEXT: [2.5, 10.5, 18.5, 26.5]
# OUT:      [4.0, 22.0],
# OUT-NEXT: [4.0, 26.5],
# OUT-NEXT: [4.0, 31.0],
# OUT-NEXT: [4.0, 35.5]
