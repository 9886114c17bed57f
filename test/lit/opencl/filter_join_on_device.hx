# REQUIRES: opencl-device
# A materialised filter's runs are joined on the device (hx_join) and the list
# stays there: the next kernel finds it on the device, and the host reads it only
# for the result (docs/opencl.md, "Filters"). HX_CL_RESIDENT=0 joins on the host.
# RUN: env HX_CL_DEBUG=1 %hastec run --target=opencl %s -e 'FJ.f(1000)' 2>&1 | FileCheck %s --check-prefix=DEV
# RUN: env HX_CL_DEBUG=1 HX_CL_RESIDENT=0 %hastec run --target=opencl %s -e 'FJ.f(1000)' 2>&1 | FileCheck %s --check-prefix=HOST
# RUN: env HX_CL_GROUPS=7 HX_CL_WG=64 %hastec run --target=opencl %s -e 'FJ.f(100_003)' | FileCheck %s --check-prefix=BIG
# RUN: %hastec run %s -e 'FJ.f(100_003)' | FileCheck %s --check-prefix=BIG

defmodule FJ do
  @spec f(integer()) :: {integer(), [integer()]}
  def f(n) do
    xs = 1..n |> Enum.filter(fn x -> rem(x, 3) == 0 end) |> Enum.map(fn x -> x * x end)
    ys = Enum.map(xs, fn x -> x + 1 end)
    {Enum.sum(ys), Enum.take(xs, -3)}
  end
end

# DEV: compaction join: 333 survivors of 1000 in {{[0-9]+}} runs, left on the device
# DEV: kernel hx_k{{[0-9]+}}: n=333, {{.*}} 1 arguments on the device
# DEV: {111277944, [986049, 992016, 998001]}

# HOST-NOT: compaction join
# HOST: {111277944, [986049, 992016, 998001]}

# BIG: {111122778194449, [9999200016, 9999800001, 10000400004]}
