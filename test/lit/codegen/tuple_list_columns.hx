# RUN: %hastec build %s --emit=llvm | FileCheck %s
# RUN: %hastec run %s -e 'Soa.check(100000)' | FileCheck %s --check-prefix=OUT
# RUN: %hastec build %s --emit=header | FileCheck %s --check-prefix=HDR
# RUN: %hastec run %s -e 'Soa.sorted([3, 1, 2, 1], [0.5, 2.0, -1.0, 1.0])' | FileCheck %s --check-prefix=SORT
# A list of tuples is stored as columns (struct-of-arrays, docs/c-abi.md): a
# materialised zip allocates one column per member (hxrt_alloc_tuples with
# the column kinds) and stores each column with plain vector stores; a sum
# over a list of tuples finds column 1 at round_up(capacity * 8, 64) bytes
# after column 0 (the capacity is read at header offset 16) and loads both
# columns as vectors. Stored as C structs (array-of-structs), the same loop
# indexed `{ i64, i64 }` elements and de-interleaved wide loads with
# shufflevector.

defmodule Soa do
  @spec pairs([integer()], [integer()]) :: [{integer(), integer()}]
  def pairs(xs, ys), do: Enum.zip(xs, ys)

  @spec total([{integer(), integer()}]) :: integer()
  def total(ps), do: ps |> Enum.map(fn {a, b} -> a * b end) |> Enum.sum()

  # A filter shortens its output after allocating it: the columns stay
  # where the capacity put them, and the next loops read them there.
  @spec check(integer()) :: {integer(), integer(), [{integer(), integer()}]}
  def check(n) do
    xs = Enum.map(1..n, fn i -> rem(i * 7919, 1009) end)
    ps = xs |> Enum.with_index() |> Enum.filter(fn {x, _} -> rem(x, 3) != 0 end)
    {length(ps), Enum.map(ps, fn {x, i} -> x * i end) |> Enum.sum(), ps |> Enum.sort(:desc) |> Enum.take(3)}
  end

  @spec sorted([integer()], [float()]) :: [{integer(), float()}]
  def sorted(xs, ys), do: Enum.zip(xs, ys) |> Enum.sort()
end

# CHECK: @.cols = private constant [2 x i32] [i32 1, i32 1]

# CHECK-LABEL: define internal void @"hxf.Soa.pairs/2([integer],[integer]).chunk"(
# CHECK-NOT:   getelementptr inbounds { i64, i64 }
# CHECK:       store <{{[0-9]+}} x i64>
# CHECK-NOT:   getelementptr inbounds { i64, i64 }
# CHECK-LABEL: {{^}}}

# CHECK-LABEL: define internal void @"hxf.Soa.total/1([{integer, integer}]).chunk"(
# CHECK:       %data = load ptr
# CHECK:       %[[CAPP:[0-9]+]] = getelementptr inbounds i8, ptr %{{[0-9]+}}, i64 16
# CHECK-NEXT:  %cap = load i64, ptr %[[CAPP]]
# CHECK-NEXT:  %[[B:[0-9]+]] = shl i64 %cap, 3
# CHECK-NEXT:  %[[R:[0-9]+]] = add i64 %[[B]], 63
# CHECK-NEXT:  %[[A:[0-9]+]] = and i64 %[[R]], -64
# CHECK-NEXT:  %col = getelementptr inbounds i8, ptr %data, i64 %[[A]]
# CHECK-NOT:   shufflevector
# CHECK:       %[[P0:[0-9]+]] = getelementptr inbounds i64, ptr %data, i64 %offset.idx
# CHECK-NEXT:  load <{{[0-9]+}} x i64>, ptr %[[P0]]
# CHECK-NOT:   shufflevector
# CHECK:       %[[P1:[0-9]+]] = getelementptr inbounds i64, ptr %col, i64 %offset.idx
# CHECK-NEXT:  load <{{[0-9]+}} x i64>, ptr %[[P1]]
# CHECK-NOT:   getelementptr inbounds { i64, i64 }
# CHECK-NOT:   shufflevector
# CHECK-LABEL: {{^}}}

# CHECK-LABEL: define internal void @hxb.Soa_pairs(
# CHECK:       call ptr @hxrt_alloc_tuples(ptr %{{[0-9]+}}, i32 2, ptr nonnull @.cols, i64

# Entry points check a list-of-tuples argument's columns.
# CHECK-LABEL: define internal void @hxb.Soa_total(
# CHECK:       call i32 @hxrt_tuple_layout_ok(ptr {{.*}}, i32 2, ptr nonnull @.cols)

# OUT: {{^}}{66604, 1678444071600, [{1007, 99402}, {1007, 98393}, {1007, 97384}]}{{$}}
# SORT: {{^}}[{1, 1.0}, {1, 2.0}, {2, -1.0}, {3, 0.5}]{{$}}
# HDR: /* Soa.total/1: (list of {integer, integer} in columns (int64_t, int64_t), see hx_array_column) -> integer */
# HDR: /* Soa.sorted/2: (list of integer, list of float) -> list of {integer, float} in columns (int64_t, double), see hx_array_column */
