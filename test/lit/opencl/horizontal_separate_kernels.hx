# RUN: env HX_CL_REMARKS=1 %hastec build %s --emit=opencl 2>&1 | FileCheck %s
# A multifold (horizontal fusion) has no kernel form yet: with
# --target=opencl each fused reduction stays its own kernel, as before the
# fusion, and HX_CL_REMARKS=1 says so (never the CPU-only fused loop).

defmodule HCl do
  @spec stats([float()]) :: {float(), float(), integer()}
  def stats(xs), do: {Enum.sum(xs), Enum.max(xs), Enum.count(xs, &(&1 > 0.5))}
end

# CHECK:     horizontal_separate_kernels.hx:8: remark: HCl.stats/1: 3 fused reductions run as 3 separate kernels (a multifold has no OpenCL kernel form)
# CHECK:     // hastec OpenCL kernel {{.*}} for HCl.stats/1
# CHECK:     // hastec OpenCL kernel {{.*}} for HCl.stats/1
# CHECK:     // hastec OpenCL kernel {{.*}} for HCl.stats/1
# CHECK-NOT: // hastec OpenCL kernel
