# REQUIRES: opencl-device
# HX_DEVICE names a device that is not there: a RuntimeError that lists the
# devices there are, or with --fallback=cpu one warning and the CPU's answer.
# (A device index and a name no driver has, so the test holds on any machine.)
# RUN: env HX_DEVICE=7:3 sh -c '%hastec run --target=opencl %s -e "Sq.sum(100)"; echo "exit=$?"' 2>&1 \
# RUN:   | FileCheck %s --check-prefixes=ERR,EXIT -DWANT=7:3
# RUN: env HX_DEVICE=no-such-device not %hastec run --target=opencl %s -e 'Sq.sum(100)' 2>&1 \
# RUN:   | FileCheck %s --check-prefix=ERR -DWANT=no-such-device
# RUN: env HX_DEVICE=7:3 %hastec run --target=opencl --fallback=cpu %s -e 'Sq.sum(100)' 2>&1 \
# RUN:   | FileCheck %s --check-prefix=WARN --implicit-check-not=warning
# RUN: env HX_DEVICE=7:3 %hastec devices | FileCheck %s --check-prefix=DEVICES
# The device that is there still works when HX_DEVICE names it.
# RUN: env HX_DEVICE=0:0 HX_CL_DEBUG=1 %hastec run --target=opencl %s -e 'Sq.sum(100)' 2>&1 \
# RUN:   | FileCheck %s --check-prefix=OK --implicit-check-not=warning

defmodule Sq do
  @spec sum(integer()) :: integer()
  def sum(n), do: 1..n |> Enum.map(fn x -> x * x end) |> Enum.sum()
end

# ERR:      ** (RuntimeError) no OpenCL device (HX_DEVICE=[[WANT]] matched nothing): set HX_DEVICE to gpu, cpu, <platform>:<device> or part of a device name (the devices: 0:0 {{.+}} ({{cpu|gpu|accelerator|other}}){{.*}}; `hastec devices` lists them), or build with --fallback=cpu to run on the CPU
# ERR-NEXT: hx_device_no_match.hx:18: Sq.sum/1
# EXIT-NEXT: exit=3

# WARN:      hastec: warning: no OpenCL device (HX_DEVICE=7:3 matched nothing); running on the CPU
# WARN-NEXT: 338350

# DEVICES:     {{^}}  0:0
# DEVICES-NOT: {{^}}*
# DEVICES:     no device chosen: HX_DEVICE=7:3 matched nothing

# OK: hastec: OpenCL: device 0:0
# OK: hastec: OpenCL: kernel {{.*}}: n=100,
# OK: 338350
