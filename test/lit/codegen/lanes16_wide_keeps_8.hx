# RUN: %hastec build %s --emit=llvm --cpu x86-64-v4 | FileCheck %s
# RUN: %hastec build %s --emit=llvm --cpu x86-64-v4 | FileCheck %s --check-prefix=NO16
# RUN: %hastec run %s -e 'Lanes8.range_sum(37)' | FileCheck %s --check-prefix=RESULT
# Loops with one 64-bit value anywhere keep 8 lanes with AVX-512 (one zmm of
# 64-bit values; codegen/LLVMCodegen.cpp, LaneWidth): an f32 list mixed with
# an integer() (the sum widens to float()), float() lists, an f32 filter
# counted into an integer() accumulator, and a range (its elements are
# integer()).

defmodule Lanes8 do
  @spec mixed([Hx.f32()], integer()) :: float()
  def mixed(xs, n), do: xs |> Enum.map(&(&1 + n)) |> Enum.sum()

  @spec wide([float()], float()) :: float()
  def wide(xs, a), do: xs |> Enum.map(&(&1 * a)) |> Enum.sum()

  @spec count_f32([Hx.f32()], Hx.f32()) :: integer()
  def count_f32(xs, t), do: Enum.count(xs, &(&1 > t))

  @spec range_sum(integer()) :: integer()
  def range_sum(n), do: 1..n |> Enum.map(&(&1 * 3)) |> Enum.filter(&(&1 > 10)) |> Enum.sum()
end

# CHECK-LABEL: define internal void @"hxf.Lanes8.mixed/2(
# CHECK:         <8 x double>
# CHECK:       {{^}}}
# CHECK-LABEL: define internal void @"hxf.Lanes8.wide/2(
# CHECK:         fmul <8 x double>
# CHECK:       {{^}}}
# CHECK-LABEL: define internal void @"hxf.Lanes8.count_f32/2(
# CHECK:         fcmp {{.*}}<8 x float>
# CHECK:         call i64 @llvm.vector.reduce.add.v8i64(<8 x i64>
# CHECK:       {{^}}}
# CHECK-LABEL: define internal void @"hxf.Lanes8.range_sum/1(
# CHECK:         <8 x i64>
# CHECK:       {{^}}}

# NO16-NOT: <16 x

# 3x for x in 4..37: 3 * (703 - 6)
# RESULT: {{^}}2091{{$}}
