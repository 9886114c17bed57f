# REQUIRES: pocl
# An OpenCL driver with no devices (PoCL with POCL_DEVICES set empty): the
# same RuntimeError as with no driver at all, naming the empty platform, or
# with --fallback=cpu one warning and the CPU's answer.
# RUN: env POCL_DEVICES= not %hastec run --target=opencl %s -e 'Sq.sum(100)' 2>&1 | FileCheck %s --check-prefix=ERR
# RUN: env POCL_DEVICES= %hastec run --target=opencl --fallback=cpu %s -e 'Sq.sum(100)' 2>&1 \
# RUN:   | FileCheck %s --check-prefix=WARN --implicit-check-not=warning
# RUN: env POCL_DEVICES= %hastec devices | FileCheck %s --check-prefix=DEVICES

defmodule Sq do
  @spec sum(integer()) :: integer()
  def sum(n), do: 1..n |> Enum.map(fn x -> x * x end) |> Enum.sum()
end

# ERR:      ** (RuntimeError) no OpenCL device (the OpenCL platform "Portable Computing Language" has no devices): install an OpenCL driver
# ERR-SAME: or build with --fallback=cpu to run on the CPU
# ERR-NEXT: no_devices.hx:12: Sq.sum/1

# WARN:      hastec: warning: no OpenCL device (the OpenCL platform "Portable Computing Language" has no devices); running on the CPU
# WARN-NEXT: 338350

# DEVICES: no OpenCL devices: the OpenCL platform "Portable Computing Language" has no devices
