# RUN: %hastec build %s --emit=llvm --cpu x86-64-v4 | FileCheck %s --check-prefix=LLVM
# RUN: %hastec run %s -e 'ColSum.cols()' | FileCheck %s --check-prefix=COLS
# RUN: %hastec run %s -e 'ColSum.grid(3, 1.5)' | FileCheck %s --check-prefix=GRID
# RUN: not %hastec run %s -e 'ColSum.grid(3, 1.0e308)' 2>&1 | FileCheck %s --check-prefix=RAISE
# RUN: %hastec run %s -e 'ColSum.igrid(4, 3)' | FileCheck %s --check-prefix=IGRID
# A fold inside a vectorised map runs "outside in" (codegen/LLVMCodegen.cpp,
# vinner_fold): the lanes are W consecutive elements of the outer map, each
# folding its own sequence in order. A column sum (Nx.sum(x, axes: [0]), map
# over columns j of a fold over rows i of x[i * C + j]) then reads a row's W
# columns with one vector load per row instead of a strided scalar walk per
# column. 37 columns: four groups of 8 and a scalar tail of 5. A row sum is
# not run this way (its lanes would be C apart: a gather per element).
# grid/igrid: plain Elixir folds over a range the lanes share (a..b counting
# up, and down); an overflow to infinity in any lane sends the group to the
# scalar code, which raises as Elixir does.
defmodule ColSum do
  @spec cols() :: [float()]
  def cols do
    x = Nx.iota({32, 37}, type: :f32) |> Nx.multiply(0.125) |> Nx.subtract(20.0)
    Nx.to_list(Nx.sum(x, axes: [0]))
  end

  @spec rows() :: [float()]
  def rows do
    x = Nx.iota({37, 32}, type: :f32) |> Nx.multiply(0.125) |> Nx.subtract(20.0)
    Nx.to_list(Nx.sum(x, axes: [1]))
  end

  @spec grid(integer(), float()) :: [float()]
  def grid(r, s), do: Enum.map(0..9, fn j -> Enum.sum(Enum.map(0..(r - 1), fn i -> (i + j) * s end)) end)

  @spec igrid(integer(), integer()) :: [integer()]
  def igrid(r, s), do: Enum.map(0..9, fn j -> Enum.sum(Enum.map(r..0, fn i -> (i - j) * s end)) end)
end

# LLVM-LABEL: define internal void @"hxf.ColSum.cols/0().chunk
# LLVM:         %vfold.acc{{[.0-9]*}} = phi <8 x float>
# LLVM-NOT:     define
# LLVM:         load <8 x float>
# LLVM-NOT:     define
# LLVM:         fadd <8 x float> %vfold.acc
# LLVM-LABEL: define internal void @"hxf.ColSum.rows/0().chunk
# LLVM-NOT:     vfold.acc
# LLVM-LABEL: define internal void @"hxf.ColSum.grid/2(integer,float).chunk
# LLVM:         %vfold.acc{{[.0-9]*}} = phi <8 x double>
# LLVM-LABEL: define internal void @"hxf.ColSum.igrid/2(integer,integer).chunk
# LLVM:         %vfold.acc{{[.0-9]*}} = phi <8 x i64>

# COLS: [1654.0, 1658.0, 1662.0, 1666.0, 1670.0, 1674.0, 1678.0, 1682.0, 1686.0, 1690.0, 1694.0, 1698.0, 1702.0, 1706.0, 1710.0, 1714.0, 1718.0, 1722.0, 1726.0, 1730.0, 1734.0, 1738.0, 1742.0, 1746.0, 1750.0, 1754.0, 1758.0, 1762.0, 1766.0, 1770.0, 1774.0, 1778.0, 1782.0, 1786.0, 1790.0, 1794.0, 1798.0]
# GRID: [4.5, 9.0, 13.5, 18.0, 22.5, 27.0, 31.5, 36.0, 40.5, 45.0]
# RAISE: ** (ArithmeticError) bad argument in arithmetic expression
# RAISE-NEXT: column_sum_vector_loads.hx:30: ColSum.grid/2
# IGRID: [30, 15, 0, -15, -30, -45, -60, -75, -90, -105]
