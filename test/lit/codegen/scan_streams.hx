# RUN: %hastec build %s --emit=llvm -O0 -o - | FileCheck %s
# RUN: %hastec build %s -o %t.so --remarks=fusion 2>&1 | FileCheck --check-prefix=REMARK %s
# RUN: %hastec run %s -e 'ScanStreams.total([1, 2, 3, 4])' | FileCheck --check-prefix=RESULT %s
# Enum.scan streams into its consumers: a reduction over maps of a scan is
# one loop with no list allocated (the producer map is pushed into the scan
# too), and a map of a scan that is returned allocates only the result.
# When both sides can raise the scan's list is built first (Elixir's order
# of errors): test/diff/corpus/scan_stream.hx checks the results.

defmodule ScanStreams do
  @spec total([integer()]) :: integer()
  def total(xs), do: xs |> Enum.map(&(&1 + 1)) |> Enum.scan(fn x, a -> x + a end) |> Enum.map(&(&1 * 2)) |> Enum.sum()
  @spec listed([integer()]) :: [integer()]
  def listed(xs), do: xs |> Enum.scan(fn x, a -> x * a end) |> Enum.map(&(&1 + 1))
end

# CHECK-LABEL: define internal i64 @"hxf.ScanStreams.total/1([integer])"
# CHECK-NOT: @hxrt_alloc
# CHECK: scan.first:
# CHECK-NOT: @hxrt_alloc
# CHECK-LABEL: define internal ptr @"hxf.ScanStreams.listed/1([integer])"
# CHECK: @hxrt_alloc
# CHECK-NOT: @hxrt_release
# CHECK: scan.first:
# CHECK-NOT: @hxrt_release
# CHECK: ret.copy:
# REMARK-DAG: scan_streams.hx:12:{{[0-9]+}}: remark: fused: Enum.map consumes Enum.scan's results as they are computed
# REMARK-DAG: scan_streams.hx:14:{{[0-9]+}}: remark: fused: Enum.map consumes Enum.scan's results as they are computed
# RESULT: 60
