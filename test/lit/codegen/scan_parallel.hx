# RUN: %hastec build %s --emit=llvm -o - | FileCheck %s
# RUN: %hastec run %s -e 'ScanPar.sums(20000)' -e 'ScanPar.affine(5)' --separator --- | FileCheck --check-prefix=RESULT %s
# Enum.scan whose lambda is an associative operator of the accumulator and
# the element runs in three parallel phases (materialise_scan_parallel):
# one chunk function folds each chunk (scan.fold) or rescans it from its
# carry (scan.store), both under hxrt_parallel_try, with the carries
# computed on the host in between and the sequential scan as the fallback
# when a chunk raises. A lambda that is not associative keeps the
# sequential loop. test/diff/corpus/scan_parallel.hx checks the answers.

defmodule ScanPar do
  @spec affine(integer()) :: [integer()]
  def affine(n), do: Enum.scan(1..n, fn x, acc -> acc * 2 + x end)
  @spec sums(integer()) :: {integer(), [integer()]}
  def sums(n) do
    ys = Enum.scan(Enum.map(1..n, fn i -> i * 3 end), fn x, acc -> acc + x end)
    {length(ys), Enum.take(ys, -2)}
  end
end

# CHECK-LABEL: define internal void @"hxf.ScanPar.sums/1(integer).chunk"(
# CHECK:       scan.chunk:
# CHECK:       scan.store:
# CHECK-LABEL: define internal void @hxb.ScanPar_affine(
# CHECK-NOT:   hxrt_parallel_try
# CHECK-LABEL: define internal void @hxb.ScanPar_sums(
# CHECK:       call i64 @hxrt_parallel_try(ptr %{{.*}}, i64 %{{.*}}, i64 8192, ptr nonnull @"hxf.ScanPar.sums/1(integer).chunk"
# CHECK:       scan.sequential{{.*}}:
# CHECK:       call i64 @hxrt_parallel_try(ptr %{{.*}}, i64 %{{.*}}, i64 8192, ptr nonnull @"hxf.ScanPar.sums/1(integer).chunk"
# RESULT: {20000, [599970000, 600030000]}
# RESULT: [1, 4, 11, 26, 57]
