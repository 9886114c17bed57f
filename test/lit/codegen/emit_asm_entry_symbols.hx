# RUN: %hastec build %s --emit=asm | FileCheck %s
# RUN: %hastec build %s --emit=asm | FileCheck %s --check-prefix=LOCAL
# RUN: %hastec build %s --emit=asm -O0 --cpu x86-64 | FileCheck %s
# RUN: %hastec build %S/../../../samples/logistic_map.hx --emit=asm | FileCheck %s --check-prefix=SAMPLE
# The assembly of the sample (a trimmed copy here, and samples/logistic_map.hx
# itself) exports the generic (hxe_) and typed entry points and
# hx_manifest; the hxb wrappers stay local.

defmodule LogisticMap do
  @mu 22
  @p 6_700_417

  @spec map_sum(integer(), integer()) :: integer()
  def map_sum(n, p) do
    1..n
    |> Enum.map(&step(&1, p))
    |> Enum.map(&step(&1, p))
    |> Enum.sum()
  end

  @spec sum(integer()) :: integer()
  def sum(n) do
    1..n
    |> Enum.map(&step/1)
    |> Enum.map(&step/1)
    |> Enum.sum()
  end

  defp step(x), do: rem(@mu * x * (x + 1), @p)
  defp step(x, p), do: rem(@mu * x * (x + 1), p)
end

# LOCAL-NOT:  .globl{{.*}}hxb.
# LOCAL:      {{^}}hxb.LogisticMap_sum:
# LOCAL-NOT:  .globl{{.*}}hxb.
# LOCAL:      {{^}}hx_manifest:
# CHECK-DAG:  .globl hxe_LogisticMap_map_sum
# CHECK-DAG:  {{^}}hxe_LogisticMap_map_sum:
# CHECK-DAG:  .globl LogisticMap_map_sum
# CHECK-DAG:  {{^}}LogisticMap_map_sum:
# CHECK-DAG:  .globl hxe_LogisticMap_sum
# CHECK-DAG:  {{^}}hxe_LogisticMap_sum:
# CHECK-DAG:  .globl LogisticMap_sum
# CHECK-DAG:  {{^}}LogisticMap_sum:
# CHECK-DAG:  .globl hx_manifest
# CHECK-DAG:  {{^}}hx_manifest:

# SAMPLE-DAG: .globl hxe_LogisticMap_map_list
# SAMPLE-DAG: .globl LogisticMap_map_list
# SAMPLE-DAG: .globl hxe_LogisticMap_map_sum
# SAMPLE-DAG: .globl LogisticMap_map_sum
# SAMPLE-DAG: .globl hxe_LogisticMap_sum
# SAMPLE-DAG: .globl LogisticMap_sum
# SAMPLE-DAG: .globl hx_manifest
