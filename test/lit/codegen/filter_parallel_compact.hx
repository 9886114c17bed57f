# RUN: %hastec build %s --emit=llvm | FileCheck %s --check-prefix=LLVM
# RUN: env HX_NUM_THREADS=2 %hastec run %s -e 'Compact.thirds(20)' | FileCheck %s --check-prefix=SMALL
# RUN: env HX_NUM_THREADS=2 %hastec run %s -e 'Compact.check(100_003)' | FileCheck %s --check-prefix=BIG
# RUN: env HX_NUM_THREADS=1 %hastec run %s -e 'Compact.check(100_003)' | FileCheck %s --check-prefix=BIG
# RUN: env HX_NUM_THREADS=2 %hastec run %s -e 'Compact.pairs(20_000)' | FileCheck %s --check-prefix=PAIRS
# RUN: env HX_NUM_THREADS=2 not %hastec run %s -e 'Compact.first_raise(100_003)' 2>&1 | FileCheck %s --check-prefix=RAISE
# A materialised filter chain runs in parallel chunks (hxrt_parallel_for),
# in two passes over the same chunks: the first counts each chunk's
# survivors (a count fold), the host turns the counts into first slots and
# allocates exactly the result, the second writes each chunk's survivors
# to its slots. Lists of tuples write every column. The first raise in
# element order wins.

defmodule Compact do
  @spec thirds(integer()) :: [integer()]
  def thirds(n), do: 1..n |> Enum.filter(&(rem(&1, 3) == 0)) |> Enum.map(&(&1 * &1))
  @spec check(integer()) :: {integer(), [integer()], [integer()]}
  def check(n) do
    xs = thirds(n)
    {length(xs), Enum.take(Enum.drop(xs, 2731), 1), Enum.take(xs, -1)}
  end
  @spec pairs(integer()) :: {integer(), [{integer(), float()}], [{integer(), float()}]}
  def pairs(n) do
    ps = 1..n |> Enum.map(fn i -> {i, i * 0.5} end) |> Enum.filter(fn {i, _} -> rem(i, 7) == 0 end)
    {length(ps), Enum.take(Enum.drop(ps, 1200), 1), Enum.take(ps, -1)}
  end
  @spec first_raise(integer()) :: [integer()]
  def first_raise(n), do: Enum.filter(1..n, fn i -> if i == 90_000, do: only_small(i), else: div(i, 30_000 - i) >= 0 end)
  defp only_small(x) when x < 10, do: x > 0
end

# The counting chunk, then the writing chunk (a running slot k).
# LLVM-LABEL: define internal void @"hxf.Compact.thirds/1(integer).chunk"
# LLVM-NOT:   store i64 %{{.*}}, ptr %{{.*}}, align 8, !tbaa
# LLVM-LABEL: define internal void @"hxf.Compact.thirds/1(integer).chunk.2"
# LLVM:       filter.keep:
# LLVM:       store i64
# The caller (inlined into the entry point): count, slots, allocate, write.
# LLVM-LABEL: define internal void @hxb.Compact_thirds(
# LLVM:       call i64 @hxrt_parallel_for(ptr %{{[0-9]+}}, i64 %[[N:[a-z.]+]], i64 8192, ptr nonnull @"hxf.Compact.thirds/1(integer).chunk", ptr nonnull %env{{[.a-z]*}}, ptr nonnull %[[SLOTS:slots[.a-z]*]], i64 8)
# LLVM:       call ptr @hxrt_alloc(ptr %0, i32 1, i64 %total
# LLVM:       call i64 @hxrt_parallel_for(ptr %{{[0-9]+}}, i64 %[[N]], i64 8192, ptr nonnull @"hxf.Compact.thirds/1(integer).chunk.2", ptr nonnull %env{{[0-9.a-z]*}}, ptr nonnull %[[SLOTS]], i64 8)

# SMALL: [9, 36, 81, 144, 225, 324]
# BIG: {33334, [67174416], [10000400004]}
# PAIRS: {2857, [{8407, 4203.5}], [{19999, 9999.5}]}
# RAISE: ** (ArithmeticError) bad argument in arithmetic expression
