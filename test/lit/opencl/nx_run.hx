# REQUIRES: opencl-device
# Nx programs run their gathers, broadcasts and axis reductions as kernels
# (HX_CL_DEBUG=1 logs each launch) and print what the CPU target prints.
# RUN: env HX_CL_DEBUG=1 %hastec run --target=opencl %s -e 'NxCl.center(Nx.tensor([[1.0, 2.0, 6.0], [10.0, 20.0, 60.0]]))' 2>&1 \
# RUN:   | FileCheck %s --check-prefix=CENTER --implicit-check-not=raised
# RUN: env HX_CL_DEBUG=1 %hastec run --target=opencl %s -e 'NxCl.row_max(Nx.tensor([[1.0, :nan, 3.0], [4.0, 6.0, 5.0]]))' 2>&1 \
# RUN:   | FileCheck %s --check-prefix=MAX --implicit-check-not=raised
# RUN: env HX_CL_DEBUG=1 %hastec run --target=opencl %s -e 'NxCl.outer(Nx.tensor([1, 2, 3]), Nx.tensor([10, 20]))' 2>&1 \
# RUN:   | FileCheck %s --check-prefix=OUTER --implicit-check-not=raised
# RUN: env HX_CL_DEBUG=1 %hastec run --target=opencl %s -e 'NxCl.tdiv(Nx.tensor([[1.0, 2.0], [0.0, 4.0]]))' 2>&1 \
# RUN:   | FileCheck %s --check-prefix=TDIV --implicit-check-not=raised
# RUN: env HX_CL_DEBUG=1 %hastec run --target=opencl %s -e 'NxCl.vdot(Nx.tensor([1, 2, 3]), Nx.tensor([4, 5, 6]))' 2>&1 \
# RUN:   | FileCheck %s --check-prefix=VDOT --implicit-check-not=raised

defmodule NxCl do
  import Nx.Defn

  defn center(m), do: m - Nx.mean(m, axes: [1], keep_axes: true)
  def row_max(m), do: Nx.reduce_max(m, axes: [1])
  defn outer(a, b), do: Nx.reshape(a, {3, 1}) * Nx.reshape(b, {1, 2})
  def tdiv(m), do: Nx.divide(Nx.transpose(m), m)
  def vdot(a, b), do: Nx.dot(a, b)
end

# CENTER: hastec: OpenCL: kernel hx_k{{[0-9]+}}: n=2,
# CENTER: hastec: OpenCL: kernel hx_k{{[0-9]+}}: n=6,
# CENTER:      f32[2][3]
# CENTER-NEXT: [
# CENTER-NEXT:   [-2.0, -1.0, 3.0],
# CENTER-NEXT:   [-20.0, -10.0, 30.0]
# CENTER-NEXT: ]

# A NaN sticks in Nx.reduce_max (IEEE), on the device as on the CPU.
# MAX: hastec: OpenCL: kernel hx_k{{[0-9]+}}: n=2,
# MAX:      f32[2]
# MAX-NEXT: [NaN, 6.0]

# OUTER: hastec: OpenCL: kernel hx_k{{[0-9]+}}: n=6,
# OUTER:      s32[3][2]
# OUTER-NEXT: [
# OUTER-NEXT:   [10, 20],
# OUTER-NEXT:   [20, 40],
# OUTER-NEXT:   [30, 60]
# OUTER-NEXT: ]

# x / 0.0 is Inf or NaN in a tensor, not an ArithmeticError: no raise, no CPU rerun.
# TDIV: hastec: OpenCL: kernel hx_k{{[0-9]+}}: n=4,
# TDIV:      f32[2][2]
# TDIV-NEXT: [
# TDIV-NEXT:   [1.0, 0.0],
# TDIV-NEXT:   [Inf, 1.0]
# TDIV-NEXT: ]

# VDOT: hastec: OpenCL: kernel hx_k{{[0-9]+}}: n=3,
# VDOT:      s32
# VDOT-NEXT: 32
