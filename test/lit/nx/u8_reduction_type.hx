# RUN: %hastec run %s -e 'U8Red.count(Nx.tensor([1, 5, 3, 7]))' | FileCheck --check-prefix=SUM %s
# RUN: %hastec run %s -e 'U8Red.wrap(Nx.tensor([4_000_000_000, 300_000_000], type: :u32))' | FileCheck --check-prefix=WRAP %s
# RUN: %hastec run %s -e 'U8Red.signed(Nx.tensor([100, 100, 100], type: :s8))' | FileCheck --check-prefix=S8 %s
# Nx.Type.to_aggregate: a sum of a u8 mask (a comparison's result) is u32,
# as Nx widens it (this was s64 until u32 arithmetic existed); a u32 sum
# wraps at 32 bits; a sum of s8 is s32 (not wrapped at 8 bits).

defmodule U8Red do
  def count(t), do: Nx.sum(Nx.greater(t, 2))
  def wrap(t), do: Nx.sum(t)
  def signed(t), do: Nx.sum(t)
end

# SUM: {{^}}  u32{{$}}
# SUM-NEXT: {{^}}  3{{$}}
# WRAP: {{^}}  u32{{$}}
# WRAP-NEXT: {{^}}  5032704{{$}}
# S8: {{^}}  s32{{$}}
# S8-NEXT: {{^}}  300{{$}}
