# RUN: %hastec build %s --emit=opencl | FileCheck %s
# A fold over a mapped range becomes one kernel: the range is replayed
# from its bounds (two leaves, evaluated by the host), the lambda keeps
# its Elixir names, integers wrap through unsigned helpers, and each
# work-group writes one {acc, seen} partial.

defmodule Squares do
  @spec sum(integer()) :: integer()
  def sum(n) do
    1..n
    |> Enum.map(fn x -> x * x end)
    |> Enum.sum()
  end
end

# CHECK:       // hastec OpenCL kernel [[K:[A-Za-z0-9_]+]] for Squares.sum/1 ({{.*}}sum_of_squares.hx:11)
# CHECK-NEXT:  // sum(map(range)) : integer, one partial per work-group
# CHECK-NEXT:  #pragma OPENCL FP_CONTRACT OFF
# CHECK-NOT:   cl_khr_fp64
# CHECK:       static inline long hx_mul_l(long a, long b) { return (long)((ulong)a * (ulong)b); }
# CHECK:       typedef struct { long acc; uchar seen; uchar pad[7]; } hx_partial;
# CHECK:       __kernel void [[K]](__global hx_partial* partials, __global int* err, long n,
# CHECK-NEXT:      long l0_first,
# CHECK-NEXT:      long l1_last) {
# CHECK:         const long s0_step = l0_first <= l1_last ? 1L : -1L; {{ *}}// line 10
# CHECK:         for (long i = first; i < last; i += HX_CONTIGUOUS ? 1 : HX_WG) {
# CHECK-NEXT:      long [[X:x_[0-9]+]] = hx_add_l(l0_first, hx_mul_l(i, s0_step)); {{ *}}// line 11
# CHECK-NEXT:      acc = hx_add_l(acc, hx_mul_l([[X]], [[X]])); {{ *}}// line {{1[12]}}
# CHECK-NEXT:      seen = true;
# CHECK-NEXT:    }
# CHECK-NOT:     goto raised
# CHECK:         barrier(CLK_LOCAL_MEM_FENCE);
# CHECK:         partials[get_group_id(0)].acc = red_acc[0];
