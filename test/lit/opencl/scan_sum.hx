# RUN: %hastec build %s --emit=opencl | FileCheck %s
# An Enum.scan with an associative operator becomes two kernels (docs/opencl.md,
# "Scans"): the totals kernel writes each work-group's scan total as a fold
# partial; the store kernel takes the host's carries and writes out[i]. Both
# scan tiles of HX_WG elements in local memory (Blelloch up-sweep and
# down-sweep on {value, seen} pairs) with the mapped element fused in, and
# flag errors instead of jumping out of the loop with barriers. A scan whose
# lambda is not associative makes no kernel.

defmodule Scans do
  @spec running(integer()) :: [integer()]
  def running(n) do
    1..n
    |> Enum.map(fn x -> x * x end)
    |> Enum.scan(fn x, acc -> acc + x end)
  end
  @spec affine(integer()) :: [integer()]
  def affine(n), do: Enum.scan(1..n, fn x, acc -> acc * 2 + x end)
end

# CHECK:       // hastec OpenCL kernel [[T:[A-Za-z0-9_]+]] for Scans.running/1 ({{.*}}scan_sum.hx:14)
# CHECK-NEXT:  // scan(map(range)) : integer, each work-group's total (scan phase 1 of 2)
# CHECK:       // The scan's lambda (line 15): acc = a, x = b.
# CHECK-NEXT:  static inline long hx_scan_op(long a, long b, uchar* bad) {
# CHECK-NEXT:    long r = hx_add_l(a, b);
# CHECK-NEXT:    return r;
# CHECK-NEXT:  }
# CHECK:       static inline long hx_scan_join(long a, uchar as, long b, uchar bs, uchar* bad) {
# CHECK-NEXT:    return !as ? b : !bs ? a : hx_scan_op(a, b, bad);
# CHECK:       __kernel void [[T]](__global hx_partial* partials, __global int* err, long n,
# CHECK-NEXT:      long l0_first,
# CHECK-NEXT:      long l1_last) {
# CHECK-NEXT:    __local long sv[HX_WG];
# CHECK-NEXT:    __local uchar ss[HX_WG];
# CHECK:         for (long tile = begin; tile < end; tile += HX_WG) {
# CHECK-NEXT:      const long i = tile + lid;
# CHECK:           if (i < end) {
# CHECK-NEXT:        long [[X:x_[0-9]+]] = hx_add_l(l0_first, hx_mul_l(i, s0_step)); {{ *}}// line 14
# CHECK-NEXT:        x = hx_mul_l([[X]], [[X]]);
# CHECK-NEXT:        has = 1;
# CHECK:           // Up-sweep: sv[k] becomes the scan of the 2d elements ending at k.
# CHECK-NEXT:      for (int d = 1; d < HX_WG; d <<= 1) {
# CHECK:             sv[k] = hx_scan_join(sv[k - d], ss[k - d], sv[k], ss[k], &bad);
# CHECK:           // Down-sweep: sv[k] becomes the scan of the elements before k.
# CHECK:             sv[k] = hx_scan_join(sv[k], ss[k], left, left_seen, &bad);
# CHECK:           carry = hx_scan_join(carry, carried, total, total_seen, &bad);
# CHECK:         partials[group].acc = carry;
# CHECK:         if (bad) atomic_or(err, 1);
# CHECK:       // hastec OpenCL kernel [[S:[A-Za-z0-9_]+]] for Scans.running/1 ({{.*}}scan_sum.hx:14)
# CHECK-NEXT:  // out[i] = scan(map(range))[i] : integer, from each work-group's carry (scan phase 2 of 2)
# CHECK:       __kernel void [[S]](__global uchar* partials, __global int* err, long n,
# CHECK-NEXT:      long l0_first,
# CHECK-NEXT:      long l1_last,
# CHECK-NEXT:      __global const long* carries,
# CHECK-NEXT:      long carries_len,
# CHECK-NEXT:      long first_carried,
# CHECK-NEXT:      __global long* out) {
# CHECK:           if (carries_len != groups) bad = 1;
# CHECK:           carry = carries[group];
# CHECK:           out[i] = hx_scan_join(before, carried | ss[lid], x, 1, &bad);
# CHECK-NOT:   Scans.affine
