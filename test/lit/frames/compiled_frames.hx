# RUN: rm -rf %t && mkdir -p %t && printf 'a,b,name\n1,2.5,x\n3,4.0,y\n5,6.5,z\n' > %t/small.csv
# RUN: cd %t && %hastec run %s -e 'Frames.stack()' | FileCheck %s --check-prefix=STACK
# RUN: cd %t && %hastec run %s -e 'Frames.series()' | FileCheck %s --check-prefix=SERIES
# RUN: cd %t && %hastec run %s -e 'Frames.rows()' | FileCheck %s --check-prefix=ROWS
# RUN: cd %t && not %hastec run %s -e 'Frames.strings()' 2>&1 | FileCheck %s --check-prefix=STRINGS
# RUN: cd %t && not %hastec run %s -e 'Frames.typo()' 2>&1 | FileCheck %s --check-prefix=TYPO
# RUN: cd %t && not %hastec run %s -e 'Frames.missing_file()' 2>&1 | FileCheck %s --check-prefix=NOFILE
# RUN: cd %t && not %hastec run %s -e 'Frames.not_compiled()' 2>&1 | FileCheck %s --check-prefix=NOTYET
# The file changed after it was compiled (another row count): the cached
# build is stale (the cache key covers files the program names), so the
# program is compiled again and sees 4 rows.
# RUN: cd %t && printf '7,8.5,w\n' >> small.csv && %hastec run %s -e 'Frames.rows()' | FileCheck %s --check-prefix=ROWS4
# (A library built before the file changed raises ArgumentError when it
# reads it: test/unit/test_frame_eval.cpp, and test/lit/frames/stale_file.hx.)

defmodule Frames do
  require Explorer.DataFrame, as: DF
  alias Explorer.Series

  @spec rows() :: integer()
  def rows, do: DF.n_rows(DF.from_csv!("small.csv")) + Nx.to_number(Nx.sum(Series.to_tensor(DF.from_csv!("small.csv")["a"]))) * 0

  # numeric columns, sorted by name (Explorer's Nx.LazyContainer order); strings skipped
  def stack, do: Nx.stack(DF.from_csv!("small.csv"), axis: -1)

  def series do
    df = DF.from_csv!("small.csv")
    Series.to_tensor(df["b"])
  end

  def strings, do: Series.to_tensor(DF.from_csv!("small.csv")["name"])
  def typo, do: DF.from_csv!("small.csv")["nmae"]
  def missing_file, do: DF.n_rows(DF.from_csv!("nope.csv"))
  def not_compiled, do: DF.n_rows(DF.pivot_longer(DF.from_csv!("small.csv"), ["a"]))
end

# STACK: f64[3][2]
# STACK: [1.0, 2.5],
# STACK: [3.0, 4.0],
# STACK: [5.0, 6.5]

# SERIES: f64[3]
# SERIES: [2.5, 4.0, 6.5]

# ROWS: 3
# ROWS4: 4

# STRINGS: error: Explorer.Series.to_tensor/1: column "name" holds strings; a tensor needs numbers
# TYPO: compiled_frames.hx:[[@LINE-17]]:{{[0-9]+}}: error: the data frame has no column "nmae"
# NOFILE: error: Explorer.DataFrame.from_csv!/1: nope.csv: cannot open: No such file or directory (hastec evaluates data frames when it compiles the program, since tensors have static shapes)
# NOTYET: error: Explorer.DataFrame.pivot_longer/2 is not compiled by hastec yet
