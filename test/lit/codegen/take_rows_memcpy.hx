# RUN: %hastec build %s --emit=llvm | FileCheck %s --check-prefix=LLVM
# RUN: %hastec run %s -e 'TakeRows.show()' | FileCheck %s --check-prefix=OUT
# RUN: %hastec run %s -e 'TakeRows.sum()' | FileCheck %s --check-prefix=SUM
# RUN: env HX_NUM_THREADS=2 %hastec run %s -e 'TakeRows.sum()' | FileCheck %s --check-prefix=SUM
# RUN: not %hastec run %s -e 'TakeRows.bad()' 2>&1 | FileCheck %s --check-prefix=BAD
# Nx.take of whole rows (a mini-batch gather) copies each row segment with one
# memcpy instead of an element loop with a bounds check per element
# (codegen/LLVMCodegen.cpp, row_gather): the index and its check run once per
# row. sum/0 takes 250 rows of 70 (17,500 elements: three parallel chunks whose
# boundaries fall inside rows); bad/0 raises for the third index, as the
# element loop (and Elixir) would.
defmodule TakeRows do
  import Nx.Defn

  defn rows(x, idx), do: Nx.take(x, idx)

  defn checksum(x, r), do: Nx.sum(rows(x, Nx.remainder(r * 7, 300)) * Nx.remainder(Nx.iota({250, 70}), 7))

  @spec sum() :: integer()
  def sum do
    x = Nx.iota({300, 70})
    Nx.to_number(checksum(x, Nx.iota({250})))
  end

  def show do
    rows(Nx.iota({4, 5}, type: :f32) |> Nx.multiply(0.5), Nx.tensor([3, 0, 3, 1]))
  end

  def bad do
    rows(Nx.iota({4, 5}, type: :f32), Nx.tensor([1, 2, 4, 0]))
  end
end

# LLVM-LABEL: define internal void @"hxf.TakeRows.sum/0().chunk
# LLVM:         call void @llvm.memcpy

# OUT:      [7.5, 8.0, 8.5, 9.0, 9.5],
# OUT-NEXT: [0.0, 0.5, 1.0, 1.5, 2.0],
# OUT-NEXT: [7.5, 8.0, 8.5, 9.0, 9.5],
# OUT-NEXT: [2.5, 3.0, 3.5, 4.0, 4.5]

# SUM: 536593750

# BAD: ** (ArgumentError) index out of bounds for axis 0 in shape {4, 5}: 4
# BAD-NEXT: take_rows_memcpy.hx:15: TakeRows.rows/2
