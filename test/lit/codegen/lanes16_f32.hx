# RUN: %hastec build %s --emit=llvm --cpu x86-64-v4 | FileCheck %s --check-prefix=LLVM
# RUN: %hastec build %s --emit=asm --cpu x86-64-v4 | FileCheck %s --check-prefix=ASM
# RUN: %hastec build %s --emit=llvm --cpu x86-64-v3 | FileCheck %s --check-prefix=AVX2
# RUN: rm -rf %t && mkdir -p %t && %hastec build %s -o %t/liblanes.so
# RUN: hx-run %t/liblanes.so hxe_Lanes16F32_affine_sum f32 '[f32]' '[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37]' f32 2.0 f32 0.5 f32 10.0 \
# RUN:   | FileCheck %s --check-prefix=SUM
# RUN: hx-run %t/liblanes.so hxe_Lanes16F32_scale '[f32]' '[f32]' '[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19]' f32 0.5 \
# RUN:   | FileCheck %s --check-prefix=SCALE
# RUN: not hx-run %t/liblanes.so hxe_Lanes16F32_affine_sum f32 '[f32]' '[1,2,3,4,5,6,7,8,9,10,11,12,3.0e38,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20]' \
# RUN:   f32 2.0 f32 0.5 f32 10.0 2>&1 | FileCheck %s --check-prefix=RAISE
# A loop whose values are all f32 (source, lambdas, accumulator) runs 16
# lanes with AVX-512 (one zmm register of floats) and 8 with AVX2, twice the
# lanes of a 64-bit loop (codegen/LLVMCodegen.cpp, LaneWidth). f32 math
# calls libmvec's 16-lane variants. 37 and 19 elements leave a scalar tail
# after two and one 16-lane groups; an overflow to infinity in lane 12 of
# the first group sends that group to the scalar path, which raises.

defmodule Lanes16F32 do
  @spec chain([Hx.f32()], Hx.f32(), Hx.f32(), Hx.f32()) :: Hx.f32()
  def chain(xs, a, b, t) do
    xs
    |> Enum.map(&:math.exp(a * &1 + b))
    |> Enum.filter(&(&1 > t))
    |> Enum.sum()
  end

  @spec affine_sum([Hx.f32()], Hx.f32(), Hx.f32(), Hx.f32()) :: Hx.f32()
  def affine_sum(xs, a, b, t) do
    xs |> Enum.map(&(a * &1 + b)) |> Enum.filter(&(&1 > t)) |> Enum.sum()
  end

  @spec scale([Hx.f32()], Hx.f32()) :: [Hx.f32()]
  def scale(xs, a), do: Enum.map(xs, &(&1 * a))
end

# LLVM-LABEL: define internal void @"hxf.Lanes16F32.chain/4(
# LLVM:         load <16 x float>
# LLVM:         fmul <16 x float>
# LLVM:         call <16 x float> @_ZGVeN16v_expf(<16 x float>
# LLVM:         fcmp {{.*}}<16 x float>
# LLVM:       {{^}}}
# LLVM-LABEL: define internal void @"hxf.Lanes16F32.scale/2(
# LLVM:         fmul <16 x float>
# LLVM:         store <16 x float>
# LLVM:       {{^}}}

# ASM:        vmulps {{.*}}%zmm
# ASM:        callq _ZGVeN16v_expf

# AVX2-NOT:   <16 x float>
# AVX2:       call <8 x float> @_ZGVdN8v_expf(<8 x float>
# AVX2-NOT:   <16 x float>

# the elements 5..37 pass the filter: 2 * 693 + 33 * 0.5
# SUM: {{^}}1402.5{{$}}
# SCALE: {{^}}[0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0, 5.5, 6.0, 6.5, 7.0, 7.5, 8.0, 8.5, 9.0, 9.5]{{$}}
# RAISE: ** (ArithmeticError) bad argument in arithmetic expression
# RAISE: lanes16_f32.hx:{{[0-9]+}}: Lanes16F32.affine_sum/4
