# RUN: %hastec build %s --emit=opencl | FileCheck %s
# Enum.count/2 is a count over a filter: the filter becomes `continue`,
# and rem by a nonzero constant is C's % (no zero check, no helper).

defmodule Count do
  @spec thirds(integer()) :: integer()
  def thirds(n), do: Enum.count(1..n, fn x -> rem(x, 3) == 0 end)
end

# CHECK:       // hastec OpenCL kernel [[K:[A-Za-z0-9_]+]] for Count.thirds/1 ({{.*}}count_filter_constant_divisor.hx:7)
# CHECK-NEXT:  // count(filter(range)) : integer, one partial per work-group
# CHECK-NOT:   hx_rem_l
# CHECK:       __kernel void [[K]](__global hx_partial* partials, __global int* err, long n,
# CHECK:         for (long i = first; i < last; i += HX_CONTIGUOUS ? 1 : HX_WG) {
# CHECK-NEXT:      long [[X:x_[0-9]+]] = hx_add_l(l0_first, hx_mul_l(i, s0_step)); {{ *}}// line 7
# CHECK-NEXT:      if (!(([[X]] % 3L) == 0L)) continue; {{ *}}// line 7
# CHECK-NEXT:      acc = acc + 1; {{ *}}// line 7
# CHECK-NEXT:      seen = true; {{ *}}// line 7
# CHECK-NEXT:    }
# CHECK-NOT:     raised
# CHECK:       }
