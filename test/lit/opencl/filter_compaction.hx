# RUN: %hastec build %s --emit=opencl | FileCheck %s
# A filter chain materialised as a list is a compaction kernel: each
# work-group walks its block in tiles of HX_WG elements, a filter's no
# leaves the element's do-while with keep = 0, a Blelloch prefix sum over
# the keep flags in __local memory gives each survivor its slot, survivors
# are scattered to the start of the block, and the group's count goes to
# partials[g] (a long) for the host to join the runs.

defmodule Compact do
  @spec thirds(integer()) :: [integer()]
  def thirds(n) do
    1..n
    |> Enum.filter(fn x -> rem(x, 3) == 0 end)
    |> Enum.map(fn x -> x * x end)
  end
end

# CHECK:       // hastec OpenCL kernel [[K:[A-Za-z0-9_]+]] for Compact.thirds/1 ({{.*}}filter_compaction.hx:12)
# CHECK-NEXT:  // out = map(filter(range)), compacted per work-group; partials[g] = the group's count
# CHECK:       #define HX_WG 256
# CHECK:       __kernel void [[K]](__global long* partials, __global int* err, long n,
# CHECK-NEXT:      long l0_first,
# CHECK-NEXT:      long l1_last,
# CHECK-NEXT:      __global long* out) {
# CHECK-NEXT:    __local int slot[HX_WG];
# CHECK:         const long per = (n + groups - 1) / groups;
# CHECK:         for (long tile = begin; tile < end; tile += HX_WG) {
# CHECK-NEXT:      const long i = tile + lid;
# CHECK:           if (i < end) do {
# CHECK-NEXT:        long [[X:x_[0-9]+]] = hx_add_l(l0_first, hx_mul_l(i, s0_step)); {{ *}}// line 13
# CHECK-NEXT:        if (!(([[X]] % 3L) == 0L)) continue; {{ *}}// line 13
# CHECK-NEXT:        long [[Y:x_[0-9]+]] = [[X]]; {{ *}}// line 14
# CHECK-NEXT:        x = hx_mul_l([[Y]], [[Y]]); {{ *}}// line 14
# CHECK-NEXT:        keep = 1;
# CHECK-NEXT:      } while (0);
# CHECK-NOT:       goto raised
# The up-sweep, the total, the down-sweep:
# CHECK:           slot[lid] = keep;
# CHECK-NEXT:      barrier(CLK_LOCAL_MEM_FENCE);
# CHECK-NEXT:      for (int d = 1; d < HX_WG; d <<= 1) {
# CHECK-NEXT:        const int k = (lid + 1) * 2 * d - 1;
# CHECK-NEXT:        if (k < HX_WG) slot[k] += slot[k - d];
# CHECK:           const int total = slot[HX_WG - 1];
# CHECK:           if (lid == 0) slot[HX_WG - 1] = 0;
# CHECK:           for (int d = HX_WG / 2; d > 0; d >>= 1) {
# CHECK:             slot[k - d] = slot[k];
# CHECK-NEXT:        slot[k] += left;
# The scatter and the group's count:
# CHECK:           if (keep) out[begin + kept + slot[lid]] = x; {{ *}}// line 14
# CHECK-NEXT:      kept += total;
# CHECK:         }
# CHECK-NEXT:    if (lid == 0) partials[get_group_id(0)] = kept;
