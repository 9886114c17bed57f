# RUN: %hastec build %s --emit=opencl | FileCheck %s
# zip and with_index make tuples: each tuple type becomes a C struct with a
# maker function, and `fn {x, y} -> ...` destructures through members.
# An all-Hx.f32 kernel needs no fp64.

defmodule Tup do
  @spec dot([float()], [float()]) :: float()
  def dot(xs, ys) do
    Enum.zip(xs, ys)
    |> Enum.map(fn {x, y} -> x * y end)
    |> Enum.sum()
  end

  @spec weighted([integer()]) :: [integer()]
  def weighted(xs) do
    xs
    |> Enum.with_index(1)
    |> Enum.map(fn {x, i} -> x * i end)
  end

  @spec halves([Hx.f32()]) :: Hx.f32()
  def halves(xs), do: xs |> Enum.map(fn x -> x * 0.5 end) |> Enum.sum()
end

# CHECK:       // hastec OpenCL kernel [[DOT:[A-Za-z0-9_]+]] for Tup.dot/2
# CHECK-NEXT:  // sum(map(zip(xs, ys))) : float, one partial per work-group
# CHECK:       typedef struct { double m0; double m1; } hx_tuple0;  // {float, float}
# CHECK-NEXT:  static inline hx_tuple0 hx_make_tuple0(double m0, double m1) {
# CHECK:       __kernel void [[DOT]](__global hx_partial* partials, __global int* err, long n,
# CHECK-NEXT:      __global const double* l0_xs,
# CHECK-NEXT:      long l0_xs_len,
# CHECK-NEXT:      __global const double* l1_ys,
# CHECK-NEXT:      long l1_ys_len) {
# CHECK:           hx_tuple0 [[T:x_[0-9]+]] = hx_make_tuple0(l0_xs[i], l1_ys[i]); {{ *}}// line 10
# CHECK-NEXT:      double [[X:x_[0-9]+]] = [[T]].m0;
# CHECK-NEXT:      double [[Y:y_[0-9]+]] = [[T]].m1;
# CHECK-NEXT:      double [[P:tmp[0-9]+]] = [[X]] * [[Y]];
# CHECK-NEXT:      if (!isfinite([[P]])) goto raised;
# CHECK-NEXT:      acc = acc + [[P]];

# CHECK:       // hastec OpenCL kernel [[W:[A-Za-z0-9_]+]] for Tup.weighted/1
# CHECK-NEXT:  // out[i] = map(with_index(xs))[i]
# CHECK:       typedef struct { long m0; long m1; } hx_tuple0;  // {integer, integer}
# CHECK:       __kernel void [[W]](__global uchar* partials, __global int* err, long n,
# CHECK-NEXT:      __global const long* l0_xs,
# CHECK-NEXT:      long l0_xs_len,
# CHECK-NEXT:      long l1_offset,
# CHECK-NEXT:      __global long* out) {
# CHECK:           hx_tuple0 [[T:x_[0-9]+]] = hx_make_tuple0(l0_xs[i], hx_add_l(i, l1_offset)); {{ *}}// line 18
# CHECK:           out[i] = hx_mul_l({{x_[0-9]+}}, {{i_[0-9]+}}); {{ *}}// line 18

# CHECK:       // hastec OpenCL kernel [[H:[A-Za-z0-9_]+]] for Tup.halves/1
# CHECK-NEXT:  // sum(map(xs)) : Hx.f32, one partial per work-group
# CHECK-NEXT:  #pragma OPENCL FP_CONTRACT OFF
# CHECK:       typedef struct { float acc; uchar seen; uchar pad[3]; } hx_partial;
# CHECK:           float [[P:tmp[0-9]+]] = {{x_[0-9]+}} * 0.5f;
