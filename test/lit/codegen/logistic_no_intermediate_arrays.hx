# RUN: %hastec build %s --emit=llvm -O2 | FileCheck %s
# RUN: %hastec build %s --emit=llvm -O2 | FileCheck %s --check-prefix=ALLOC
# RUN: %hastec build %s --emit=llvm -O0 | FileCheck %s --check-prefix=O0
# The ten-map logistic pipeline compiles to one loop: at -O2 the sum
# entries (hxb.SYM, with their loop bodies, possibly outlined into chunk
# functions) never call hxrt_alloc, so no intermediate list exists; the
# whole module allocates once, for map_list's result. At -O0 the typed body
# of sum has no hxrt_alloc either (push-style chains).

defmodule LogisticMap do
  @mu 22
  @p 6_700_417

  @spec map_list(integer(), integer()) :: [integer()]
  def map_list(n, p) do
    1..n
    |> Enum.map(&step(&1, p))
    |> Enum.map(&step(&1, p))
    |> Enum.map(&step(&1, p))
    |> Enum.map(&step(&1, p))
    |> Enum.map(&step(&1, p))
    |> Enum.map(&step(&1, p))
    |> Enum.map(&step(&1, p))
    |> Enum.map(&step(&1, p))
    |> Enum.map(&step(&1, p))
    |> Enum.map(&step(&1, p))
  end

  @spec map_sum(integer(), integer()) :: integer()
  def map_sum(n, p) do
    1..n
    |> Enum.map(&step(&1, p))
    |> Enum.map(&step(&1, p))
    |> Enum.map(&step(&1, p))
    |> Enum.map(&step(&1, p))
    |> Enum.map(&step(&1, p))
    |> Enum.map(&step(&1, p))
    |> Enum.map(&step(&1, p))
    |> Enum.map(&step(&1, p))
    |> Enum.map(&step(&1, p))
    |> Enum.map(&step(&1, p))
    |> Enum.sum()
  end

  @spec sum(integer()) :: integer()
  def sum(n) do
    1..n
    |> Enum.map(&step/1)
    |> Enum.map(&step/1)
    |> Enum.map(&step/1)
    |> Enum.map(&step/1)
    |> Enum.map(&step/1)
    |> Enum.map(&step/1)
    |> Enum.map(&step/1)
    |> Enum.map(&step/1)
    |> Enum.map(&step/1)
    |> Enum.map(&step/1)
    |> Enum.sum()
  end

  defp step(x), do: rem(@mu * x * (x + 1), @p)
  defp step(x, p), do: rem(@mu * x * (x + 1), p)
end

# CHECK-LABEL: define internal void @hxb.LogisticMap_map_list(
# CHECK:         call ptr @hxrt_alloc(
# CHECK-NOT:     @hxrt_alloc(
# CHECK:       {{^}}}
# CHECK-LABEL: define internal void @hxb.LogisticMap_map_sum(
# CHECK-NOT:     @hxrt_alloc(
# CHECK:       {{^}}}
# CHECK-LABEL: define internal void @hxb.LogisticMap_sum(
# CHECK-NOT:     @hxrt_alloc(
# CHECK:       {{^}}}

# ALLOC:          declare ptr @hxrt_alloc(
# ALLOC-COUNT-1:  call ptr @hxrt_alloc(
# ALLOC-NOT:      @hxrt_alloc(

# O0-LABEL: define internal i64 @"hxf.LogisticMap.sum/1(integer)"(
# O0-NOT:     @hxrt_alloc(
# O0:       {{^}}}
