# REQUIRES: opencl-device
# Nx.dot of matrices (the IR's MatMul) runs hxrt_cl_gemm on the device, and
# an elementwise step after it is a kernel; with no OpenCL driver the call
# raises at the dot's line (or, with --fallback=cpu, warns and uses the CPU's GEMM).
# RUN: env HX_CL_DEBUG=1 %hastec run --target=opencl %s -e 'MM.dot(Nx.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]), Nx.tensor([[1.0, -1.0, 2.0], [0.5, 0.25, -3.0]]))' 2>&1 \
# RUN:   | FileCheck %s --check-prefix=F32
# RUN: env HX_CL_DEBUG=1 %hastec run --target=opencl %s -e 'MM.dot_relu(Nx.tensor([[1, 2], [3, 4]], type: :s64), Nx.tensor([[1, -10], [2, 3]], type: :s64))' 2>&1 \
# RUN:   | FileCheck %s --check-prefix=S64
# RUN: rm -rf %t.icd && mkdir -p %t.icd
# RUN: env OCL_ICD_VENDORS=%t.icd not %hastec run --target=opencl %s -e 'MM.dot(Nx.tensor([[1.0, 2.0]]), Nx.tensor([[1.0], [2.0]]))' 2>&1 \
# RUN:   | FileCheck %s --check-prefix=NODEV

defmodule MM do
  def dot(a, b), do: Nx.dot(a, b)
  def dot_relu(a, b), do: Nx.max(Nx.dot(a, b), 0)
end

# F32: hastec: OpenCL: gemm float 3x2x3:
# F32:      f32[3][3]
# F32-NEXT: [
# F32-NEXT:   [2.0, -0.5, -4.0],
# F32-NEXT:   [5.0, -2.0, -6.0],
# F32-NEXT:   [8.0, -3.5, -8.0]
# F32-NEXT: ]

# S64: hastec: OpenCL: gemm long 2x2x2:
# S64: hastec: OpenCL: kernel hx_k{{[0-9]+}}: n=4,
# S64:      s64[2][2]
# S64-NEXT: [
# S64-NEXT:   [5, 0],
# S64-NEXT:   [11, 0]
# S64-NEXT: ]

# NODEV: ** (RuntimeError) no OpenCL device (no OpenCL driver is installed:
# NODEV-NEXT: nx_matmul.hx:14: MM.dot/2
