# RUN: %hastec build %s --emit=opencl | FileCheck %s
# Nx on the OpenCL target: `m - Nx.mean(m, axes: [1], keep_axes: true)`
# lowers to gathers (the IR's Index) over lo..hi//1 index ranges, and both
# loops become kernels. The tensor m is passed as its data buffer and its
# dimensions; every element access is a load behind a bounds check (the
# frontend proves the bounds; a device read out of range would be silent,
# so the check only sets the error flag); the axis mean is a fold inside the
# lambda: a sequential loop in each work-item. Tensor arithmetic is IEEE:
# no finiteness checks.

defmodule Center do
  @spec rows(integer()) :: [float()]
  def rows(k) do
    m = Nx.tensor([[1.0, 2.0, 6.0], [10.0, 20.0, 60.0]], type: :f64)
    Nx.to_flat_list(Nx.multiply(Nx.subtract(m, Nx.mean(m, axes: [1], keep_axes: true)), k))
  end
end

# The row means: out[o] = sum(m[o * 3 + j] for j in 0..2//1) / 3.
# CHECK:       // hastec OpenCL kernel [[MEAN:[A-Za-z0-9_]+]] for Center.rows/1
# CHECK-NEXT:  // out[i] = map(range)[i]
# CHECK:       __kernel void [[MEAN]](__global uchar* partials, __global int* err, long n,
# CHECK-NEXT:      __global const double* [[M:m_[0-9]+]],
# CHECK-NEXT:      long [[M]]_len,
# CHECK-NEXT:      long [[M]]_d0,
# CHECK-NEXT:      long [[M]]_d1,
# CHECK-NEXT:      long l0_first,
# CHECK-NEXT:      long l1_last,
# CHECK-NEXT:      __global double* out) {
# CHECK-NOT:     s0_step
# CHECK:         long [[O:o_[0-9]+]] = hx_add_l(l0_first, i);
# CHECK-NEXT:    double [[ACC:acc[0-9]+]] = 0.0;
# CHECK-NEXT:    bool seen{{[0-9]+}} = false;
# CHECK-NEXT:    const long [[C:count[0-9]+]] = 0L <= 2L ? hx_add_l(hx_sub_l(2L, 0L), 1L) : 0L;
# CHECK-NEXT:    for (long [[J:j[0-9]+]] = 0; [[J]] < [[C]]; [[J]]++) {
# CHECK-NEXT:      long [[JV:j_[0-9]+]] = hx_add_l(0L, [[J]]);
# CHECK-NEXT:      long [[IX:tmp[0-9]+]] = hx_add_l(hx_mul_l([[O]], 3L), [[JV]]);
# CHECK-NEXT:      if ((ulong)[[IX]] >= (ulong)[[M]]_len) goto raised;
# CHECK-NEXT:      [[ACC]] = [[ACC]] + [[M]]{{\[}}[[IX]]{{\]}};
# CHECK-NOT:       isfinite
# CHECK:         }
# CHECK-NEXT:    out[i] = [[ACC]] / 3.0;
# CHECK:       raised:
# CHECK-NEXT:    atomic_or(err, 1);

# The broadcast subtraction reads the row mean through an index: m[i] - d[i div 3].
# CHECK:       // hastec OpenCL kernel [[SUB:[A-Za-z0-9_]+]] for Center.rows/1
# CHECK:       __kernel void [[SUB]](
# CHECK:           __global const double* [[D:d_[0-9]+]],
# CHECK-NEXT:      long [[D]]_len,
# CHECK:         long [[I:i_[0-9]+]] = hx_add_l(l0_first, i);
# CHECK:         long [[Q:tmp[0-9]+]] = [[I]] / 3L;
# CHECK-NEXT:    if ((ulong)[[Q]] >= (ulong)[[D]]_len) goto raised;
# CHECK-NEXT:    out[i] = {{m_[0-9]+}}{{\[}}[[I]]{{\]}} - [[D]]{{\[}}[[Q]]{{\]}};
