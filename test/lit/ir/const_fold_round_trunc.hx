# RUN: %hastec check %s --emit=ir --stop-after=const-fold | FileCheck %s
# const-fold folds round/1 (half away from zero) and trunc/1 of float
# constants into integers; a float outside int64 is left for run time.

defmodule FoldR do
  @spec r(integer()) :: {integer(), integer(), integer(), integer()}
  def r(x), do: {x + round(342 * 0.8), round(-2.5), trunc(-2.7), round(1.0e19)}
end

# CHECK-LABEL: entry FoldR.r/1(integer) as FoldR_r
# CHECK-NEXT:    {add(x%{{[0-9]+}}, 274), -3, -2, round(1e+19)}
