# REQUIRES: opencl-device
# With --target=opencl, Enum.sort of numbers or booleans calls hxrt_cl_sort
# (the device's radix sort) with a site string naming the .hx line, and
# hxrt_sort only when that returns non-zero; a list of tuples keeps
# hxrt_sort; the CPU target never calls the device. On the device the sort
# skips passes whose digit is the same everywhere; with no OpenCL driver it
# raises at the sort's line (or, with --fallback=cpu, warns and sorts on the CPU).
# RUN: %hastec build --target=opencl --emit=llvm %s | FileCheck %s --check-prefix=LLVM
# RUN: %hastec build --emit=llvm %s | FileCheck %s --check-prefix=CPU --implicit-check-not=hxrt_cl_sort
# RUN: env HX_CL_DEBUG=1 %hastec run --target=opencl %s -e 'Srt.asc(Enum.map(1..300, fn i -> rem(i * 37, 101) end))' 2>&1 \
# RUN:   | FileCheck %s --check-prefix=SMALL
# RUN: env HX_CL_DEBUG=1 %hastec run --target=opencl %s -e 'Srt.desc([0.5, -0.0, 0.0, -1.5, 0.0, -0.0])' 2>&1 \
# RUN:   | FileCheck %s --check-prefix=DESC
# RUN: rm -rf %t.icd && mkdir -p %t.icd
# RUN: env OCL_ICD_VENDORS=%t.icd not %hastec run --target=opencl %s -e 'Srt.asc([3, 1, 2])' 2>&1 \
# RUN:   | FileCheck %s --check-prefix=NODEV
# RUN: env OCL_ICD_VENDORS=%t.icd %hastec run --target=opencl --fallback=cpu %s -e 'Srt.asc([3, 1, 2])' 2>&1 \
# RUN:   | FileCheck %s --check-prefix=FALLBACK

defmodule Srt do
  @spec asc([integer()]) :: [integer()]
  def asc(xs), do: Enum.sort(xs)
  @spec desc([float()]) :: [float()]
  def desc(xs), do: Enum.sort(xs, :desc)
  @spec pairs([integer()]) :: [{integer(), integer()}]
  def pairs(xs), do: xs |> Enum.with_index() |> Enum.sort()
end

# LLVM: c"// hastec OpenCL kernel sort for Srt.asc/1 ({{.*}}sort_device.hx:22)\0A\00"
# LLVM: c"// hastec OpenCL kernel sort for Srt.desc/1 ({{.*}}sort_device.hx:24)\0A\00"
# LLVM-NOT: kernel sort for Srt.pairs
# LLVM: declare i32 @hxrt_cl_sort(ptr, ptr, ptr, i32)
# LLVM-LABEL: define {{.*}}Srt_asc(
# LLVM: %[[RC:.*]] = {{.*}}call i32 @hxrt_cl_sort(ptr %{{.*}}, ptr nonnull @{{.*}}, ptr {{(nonnull )?}}%[[ARR:[^,]*]], i32 0)
# LLVM-NEXT: %[[OK:.*]] = icmp eq i32 %[[RC]], 0
# LLVM-NEXT: br i1 %[[OK]], label %{{.*}}, label %[[SLOW:sort.cpu[^ ]*]]
# LLVM: [[SLOW]]:
# LLVM-NEXT: call void @hxrt_sort(ptr %{{.*}}, ptr {{.*}}%[[ARR]], i32 0)
# LLVM-LABEL: define {{.*}}Srt_desc(
# LLVM: call i32 @hxrt_cl_sort(ptr %{{.*}}, ptr nonnull @{{.*}}, ptr {{(nonnull )?}}%{{.*}}, i32 1)
# LLVM: call void @hxrt_sort(ptr %{{.*}}, ptr {{.*}}, i32 1)
# LLVM-LABEL: define {{.*}}Srt_pairs(
# LLVM-NOT: hxrt_cl_sort
# LLVM: call void @hxrt_sort(
# LLVM-NOT: hxrt_cl_sort

# CPU-LABEL: define {{.*}}Srt_asc(
# CPU: call void @hxrt_sort(

# The values 0..100 differ only in the lowest two hex digits: two passes. The
# list is the map kernel's result, so the sort finds it on the device (its mirror).
# SMALL: hastec: OpenCL: kernel hx_k{{[0-9]+}}: n=300,
# SMALL: hastec: OpenCL: sort ulong of 300 elements: 2 passes, {{.*}}; 0 bytes up, 1 on the device
# SMALL: [0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4,

# DESC: hastec: OpenCL: sort ulong of 6 elements:
# DESC: [0.5, -0.0, 0.0, 0.0, -0.0, -1.5]

# NODEV: ** (RuntimeError) no OpenCL device (no OpenCL driver is installed:
# NODEV-NEXT: sort_device.hx:22: Srt.asc/1

# FALLBACK: hastec: warning: no OpenCL device
# FALLBACK: [1, 2, 3]
