# RUN: %hastec build %s --emit=opencl | FileCheck %s
# Floats: the kernel needs cl_khr_fp64 (and says which lines use float, for
# the runtime's message on a device without it); every float operation is
# checked for a finite result, and / checks its divisor unless it is a
# nonzero constant. Enum.max keeps the first of equal elements, so float
# partials carry their source position.

defmodule Roots do
  @spec roots([float()]) :: float()
  def roots(xs) do
    xs
    |> Enum.map(fn x -> :math.sqrt(x) / 2.0 end)
    |> Enum.max()
  end
end

# CHECK:       // hastec OpenCL kernel [[K:[A-Za-z0-9_]+]] for Roots.roots/1 ({{.*}}float_max_fp64.hx:12)
# CHECK-NEXT:  // max(map(xs)) : float, one partial per work-group
# CHECK-NEXT:  // hx-fp64: uses float (64-bit) at lines {{.*}}12{{.*}}
# CHECK-NEXT:  #pragma OPENCL EXTENSION cl_khr_fp64 : enable
# CHECK-NEXT:  #pragma OPENCL FP_CONTRACT OFF
# CHECK:       typedef struct { double acc; uchar seen; uchar pad[7]; } hx_partial;
# CHECK:         __local long red_pos[HX_WG];
# CHECK:         for (long i = first; i < last; i += HX_CONTIGUOUS ? 1 : HX_WG) {
# CHECK-NEXT:      double [[X:x_[0-9]+]] = l0_xs[i]; {{ *}}// line 12
# CHECK-NEXT:      double [[R:tmp[0-9]+]] = sqrt([[X]]); {{ *}}// line 12
# CHECK-NEXT:      if (!isfinite([[R]])) goto raised; {{ *}}// line 12
# CHECK-NEXT:      double [[Q:tmp[0-9]+]] = [[R]] / 2.0; {{ *}}// line 12
# CHECK-NEXT:      if (!isfinite([[Q]])) goto raised; {{ *}}// line 12
# CHECK-NEXT:      if (!seen || [[Q]] > acc) { {{ *}}// line {{1[23]}}
# CHECK-NEXT:        acc = [[Q]];
# CHECK-NEXT:        pos = i;
# CHECK-NEXT:      }
# CHECK:         if (!red_seen[lid] || other > mine || (other == mine && red_pos[lid + s] < red_pos[lid])) {
