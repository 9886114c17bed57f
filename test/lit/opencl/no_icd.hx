# No OpenCL at all (an ICD loader that finds no driver: OCL_ICD_VENDORS names
# an empty directory). A --target=opencl library then raises a RuntimeError
# that says why and how to fix it (exit 3), unless it was built with
# --fallback=cpu: then it runs its CPU code after exactly one warning line,
# however many kernels it has. The run cache keys on --fallback, so the
# second and third runs must not reuse the first one's library.
# RUN: rm -rf %t.vendors && mkdir -p %t.vendors
# RUN: env OCL_ICD_VENDORS=%t.vendors sh -c '%hastec run --target=opencl %s -e "Two.sums(1000)"; echo "exit=$?"' 2>&1 \
# RUN:   | FileCheck %s --check-prefixes=ERR,EXIT --strict-whitespace
# RUN: env OCL_ICD_VENDORS=%t.vendors %hastec run --target=opencl --fallback=cpu %s -e 'Two.sums(1000)' 2>&1 \
# RUN:   | FileCheck %s --check-prefix=WARN --implicit-check-not=warning
# RUN: env OCL_ICD_VENDORS=%t.vendors not %hastec run --target=opencl --fallback=none %s -e 'Two.sums(1000)' 2>&1 \
# RUN:   | FileCheck %s --check-prefix=ERR
# The empty input raises too: the device is checked before the length.
# RUN: env OCL_ICD_VENDORS=%t.vendors not %hastec run --target=opencl %s -e 'Two.total([])' 2>&1 \
# RUN:   | FileCheck %s --check-prefix=EMPTY
# hastec devices says what is missing.
# RUN: env OCL_ICD_VENDORS=%t.vendors %hastec devices | FileCheck %s --check-prefix=DEVICES
# A built library carries the policy (hx_opencl_fallback) and hx-run follows it.
# RUN: rm -rf %t.out && mkdir -p %t.out
# RUN: %hastec build --target=opencl --fallback=cpu %s -o %t.out/libtwo_cpu.so
# RUN: %hastec build --target=opencl %s -o %t.out/libtwo.so
# RUN: llvm-nm -D %t.out/libtwo_cpu.so | FileCheck %s --check-prefix=SYM
# RUN: env OCL_ICD_VENDORS=%t.vendors hx-run %t.out/libtwo_cpu.so hxe_Two_sums '{i,i}' i 1000 2>&1 \
# RUN:   | FileCheck %s --check-prefix=WARN --implicit-check-not=warning
# RUN: env OCL_ICD_VENDORS=%t.vendors not hx-run %t.out/libtwo.so hxe_Two_sums '{i,i}' i 1000 2>&1 \
# RUN:   | FileCheck %s --check-prefix=ERR

defmodule Two do
  @spec sums(integer()) :: {integer(), integer()}
  def sums(n) do
    a = 1..n |> Enum.map(fn x -> x * x end) |> Enum.sum()
    b = 1..n |> Enum.filter(fn x -> rem(x, 3) == 0 end) |> Enum.count()
    {a, b}
  end

  @spec total([integer()]) :: integer()
  def total(xs), do: xs |> Enum.map(fn x -> x + 1 end) |> Enum.sum()
end

# ERR:      ** (RuntimeError) no OpenCL device (no OpenCL driver is installed: {{.*}}.vendors has no ICD): install an OpenCL driver (pocl-opencl-icd runs kernels on the CPU; a GPU needs its vendor's ICD), or build with --fallback=cpu to run on the CPU
# ERR-NEXT: {{^}}    {{.*}}no_icd.hx:32: Two.sums/1
# EXIT-NEXT: exit=3

# WARN:      hastec: warning: no OpenCL device (no OpenCL driver is installed: {{.*}}.vendors has no ICD); running on the CPU
# WARN-NEXT: {333833500, 333}

# EMPTY: ** (RuntimeError) no OpenCL device
# EMPTY: no_icd.hx:38: Two.total/1

# DEVICES: no OpenCL devices: no OpenCL driver is installed: {{.*}}.vendors has no ICD

# SYM: R hx_opencl_fallback
