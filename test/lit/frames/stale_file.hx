# RUN: rm -rf %t && mkdir -p %t && printf 'a,b\n1,2.5\nNA,4.0\n5,6.5\n' > %t/s.csv
# RUN: cd %t && %hastec build %s -o %t/libstale.so
# RUN: cd %t && hx-run %t/libstale.so hxe_Stale_total f | FileCheck %s --check-prefix=FRESH
# RUN: cd %t && hx-run %t/libstale.so hxe_Stale_rows i | FileCheck %s --check-prefix=ROWS
# The same rows, one missing value less: drop_nil keeps 3 rows where the
# program was compiled for 2, so making the tensor raises instead of giving
# another shape.
# RUN: cd %t && printf 'a,b\n1,2.5\n3,4.0\n5,6.5\n' > s.csv
# RUN: cd %t && not hx-run %t/libstale.so hxe_Stale_total f 2>&1 | FileCheck %s --check-prefix=STALE
# RUN: cd %t && not hx-run %t/libstale.so hxe_Stale_rows i 2>&1 | FileCheck %s --check-prefix=STALE
# Another column: the recipe asserts the columns the compiler saw.
# RUN: cd %t && printf 'a,b,c\n1,2.5,0\n5,6.5,0\n' > s.csv
# RUN: cd %t && not hx-run %t/libstale.so hxe_Stale_total f 2>&1 | FileCheck %s --check-prefix=COLS

defmodule Stale do
  require Explorer.DataFrame, as: DF

  defp clean, do: "s.csv" |> DF.from_csv!(nil_values: ["NA"]) |> DF.drop_nil()

  @spec total() :: float()
  def total, do: Nx.to_number(Nx.sum(Nx.stack(clean(), axis: -1)))

  @spec rows() :: integer()
  def rows, do: DF.n_rows(clean())
end

# FRESH: 15.0
# ROWS: 2
# STALE: ** (ArgumentError) s.csv: the data frame has 3 rows now but had 2 when the program was compiled
# STALE: stale_file.hx:{{[0-9]+}}
# COLS: ** (ArgumentError) s.csv: the data frame has
