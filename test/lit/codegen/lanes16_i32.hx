# RUN: %hastec build %s --emit=llvm --cpu x86-64-v4 | FileCheck %s --check-prefix=LLVM
# RUN: %hastec build %s --emit=asm --cpu x86-64-v4 | FileCheck %s --check-prefix=ASM
# RUN: rm -rf %t && mkdir -p %t && %hastec build %s -o %t/liblanes.so
# RUN: hx-run %t/liblanes.so hxe_Lanes16I32_rem_sum i32 '[i32]' '[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37]' i32 3 \
# RUN:   | FileCheck %s --check-prefix=SUM
# RUN: hx-run %t/liblanes.so hxe_Lanes16I32_min_max '{i32,i32}' '[i32]' '[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37]' i32 -5 \
# RUN:   | FileCheck %s --check-prefix=MINMAX
# RUN: hx-run %t/liblanes.so hxe_Lanes16I32_affine '[i32]' '[i32]' '[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19]' i32 3 \
# RUN:   | FileCheck %s --check-prefix=AFFINE
# RUN: not hx-run %t/liblanes.so hxe_Lanes16I32_quot_sum i32 '[i32]' '[1,2,3,4,5,6,7,8,9,10,11,12,13,0,15,16,17,18,19,20]' i32 100 2>&1 \
# RUN:   | FileCheck %s --check-prefix=RAISE
# A loop whose values are all Hx.i32 runs 16 lanes with AVX-512 (one zmm of
# 32-bit integers), twice the lanes of a 64-bit loop (codegen/LLVMCodegen.cpp,
# LaneWidth); integer reductions end in one llvm.vector.reduce over the 16
# lanes. 37 and 19 elements leave a scalar tail; a zero divisor in lane 13
# of the first group sends the group to the scalar path, which raises.

defmodule Lanes16I32 do
  @spec rem_sum([Hx.i32()], Hx.i32()) :: Hx.i32()
  def rem_sum(xs, k), do: xs |> Enum.map(&(&1 * k + 1)) |> Enum.filter(&(rem(&1, k + k) == 1)) |> Enum.sum()

  @spec min_max([Hx.i32()], Hx.i32()) :: {Hx.i32(), Hx.i32()}
  def min_max(xs, k) do
    ys = Enum.map(xs, &(&1 * k))
    {Enum.min(ys), Enum.max(ys)}
  end

  @spec affine([Hx.i32()], Hx.i32()) :: [Hx.i32()]
  def affine(xs, k), do: Enum.map(xs, &(&1 * k - 7))

  @spec quot_sum([Hx.i32()], Hx.i32()) :: Hx.i32()
  def quot_sum(xs, k), do: xs |> Enum.map(&div(k, &1)) |> Enum.sum()
end

# LLVM-LABEL: define internal void @"hxf.Lanes16I32.rem_sum/2(
# LLVM:         load <16 x i32>
# LLVM:         mul <16 x i32>
# LLVM:         call i32 @llvm.vector.reduce.add.v16i32(<16 x i32>
# LLVM:       {{^}}}
# LLVM-LABEL: define internal void @"hxf.Lanes16I32.affine/2(
# LLVM:         mul <16 x i32>
# LLVM:         store <16 x i32>
# LLVM:       {{^}}}

# ASM:        vpmulld {{.*}}%zmm

# 3x + 1 for the even x in 1..37: 3 * 342 + 18
# SUM: {{^}}1044{{$}}
# MINMAX: {{^}}{-185, -5}{{$}}
# AFFINE: {{^}}[-4, -1, 2, 5, 8, 11, 14, 17, 20, 23, 26, 29, 32, 35, 38, 41, 44, 47, 50]{{$}}
# RAISE: ** (ArithmeticError) bad argument in arithmetic expression
# RAISE: lanes16_i32.hx:{{[0-9]+}}: Lanes16I32.quot_sum/2
