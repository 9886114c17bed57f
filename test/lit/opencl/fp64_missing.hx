# REQUIRES: opencl-device
# A device without 64-bit floats (HX_CL_NO_FP64=1 makes any device act so):
# a function whose kernel uses float() raises a RuntimeError naming the
# function and the .hx lines that use float, and the fixes; with
# --fallback=cpu it warns once and runs on the CPU. Kernels of integers and
# Hx.f32() still run on the device.
# RUN: env HX_CL_NO_FP64=1 sh -c '%hastec run --target=opencl %s -e "Mixed.scaled_sum([1.5, 2.5])"; echo "exit=$?"' 2>&1 \
# RUN:   | FileCheck %s --check-prefixes=ERR,EXIT
# RUN: env HX_CL_NO_FP64=1 %hastec run --target=opencl --fallback=cpu %s -e 'Mixed.scaled_sum([1.5, 2.5])' 2>&1 \
# RUN:   | FileCheck %s --check-prefix=WARN --implicit-check-not=warning
# RUN: env HX_CL_NO_FP64=1 HX_CL_DEBUG=1 %hastec run --target=opencl %s -e 'Mixed.squares(100)' 2>&1 \
# RUN:   | FileCheck %s --check-prefix=INT --implicit-check-not=warning
# RUN: rm -rf %t.out && mkdir -p %t.out && %hastec build --target=opencl %s -o %t.out/libmixed.so
# RUN: env HX_CL_NO_FP64=1 HX_CL_DEBUG=1 hx-run %t.out/libmixed.so hxe_Mixed_half_sum f32 '[f32]' '[1.0,2.0,3.0]' 2>&1 \
# RUN:   | FileCheck %s --check-prefix=F32 --implicit-check-not=warning

defmodule Mixed do
  @spec scaled_sum([float()]) :: float()
  def scaled_sum(xs) do
    xs
    |> Enum.map(fn x -> x * 2.0 end)
    |> Enum.sum()
  end

  @spec squares(integer()) :: integer()
  def squares(n), do: 1..n |> Enum.map(fn x -> x * x end) |> Enum.sum()

  @spec half_sum([Hx.f32()]) :: Hx.f32()
  def half_sum(xs), do: xs |> Enum.map(fn x -> x * 0.5 end) |> Enum.sum()
end

# ERR:      ** (RuntimeError) OpenCL device {{.+}} has no 64-bit floats (cl_khr_fp64), but Mixed.scaled_sum/1's kernel {{[a-zA-Z0-9_]+}} uses float (64-bit) at lines 20, 21 of {{.*}}fp64_missing.hx: use Hx.f32() there, choose a device with fp64 through HX_DEVICE (`hastec devices` lists them), or build with --fallback=cpu to run it on the CPU
# ERR-NEXT: fp64_missing.hx:21: Mixed.scaled_sum/1
# EXIT-NEXT: exit=3

# WARN:      hastec: warning: OpenCL device {{.+}} has no 64-bit floats (cl_khr_fp64), but Mixed.scaled_sum/1's kernel {{[a-zA-Z0-9_]+}} uses float (64-bit) at lines 20, 21 of {{.*}}fp64_missing.hx (Hx.f32 values run there); running it on the CPU
# WARN-NEXT: 8.0

# INT: hastec: OpenCL: kernel {{.*}}: n=100,
# INT: 338350

# F32: hastec: OpenCL: kernel {{.*}}: n=3,
# F32: 3.0
