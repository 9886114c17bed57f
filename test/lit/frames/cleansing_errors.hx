# RUN: rm -rf %t && mkdir -p %t && printf 'a,b,s\n1,2.5,x\nNA,4.0,y\n5,NA,NA\n' > %t/m.csv
# RUN: cd %t && not %hastec run %s -e 'Bad.nils()' 2>&1 | FileCheck %s --check-prefix=NILS
# RUN: cd %t && not %hastec run %s -e 'Bad.query_column()' 2>&1 | FileCheck %s --check-prefix=QCOL
# RUN: cd %t && not %hastec run %s -e 'Bad.query_fun()' 2>&1 | FileCheck %s --check-prefix=QFUN
# RUN: cd %t && not %hastec run %s -e 'Bad.pin(3)' 2>&1 | FileCheck %s --check-prefix=PIN
# RUN: cd %t && not %hastec run %s -e 'Bad.bad_dtype()' 2>&1 | FileCheck %s --check-prefix=DTYPE
# RUN: cd %t && not %hastec run %s -e 'Bad.dummies_nil()' 2>&1 | FileCheck %s --check-prefix=DUMMIES
# RUN: cd %t && not %hastec run %s -e 'Bad.dtypes()' 2>&1 | FileCheck %s --check-prefix=DTYPES
# RUN: cd %t && not %hastec run %s -e 'Bad.returned()' 2>&1 | FileCheck %s --check-prefix=RETURNED
# RUN: cd %t && not %hastec run %s -e 'Bad.string_data()' 2>&1 | FileCheck %s --check-prefix=STRING
# RUN: cd %t && not %hastec run %s -e 'Bad.index()' 2>&1 | FileCheck %s --check-prefix=INDEX
# Cleansing mistakes are compile errors at their line: hastec evaluates the
# frame recipe when it compiles (docs/frames.md, "Compiled").

defmodule Bad do
  require Explorer.DataFrame, as: DF
  alias Explorer.Series

  defp load, do: DF.from_csv!("m.csv", nil_values: ["NA"])

  def nils, do: Series.to_tensor(load()["a"])
  def query_column, do: Nx.stack(DF.mutate(load(), c: a + bb), axis: -1)
  def query_fun, do: Nx.stack(DF.mutate(load(), c: cumulative_sum(a)), axis: -1)
  def pin(k), do: Nx.stack(DF.filter(load(), a > ^k), axis: -1)
  def bad_dtype, do: Nx.stack(DF.from_csv!("m.csv", dtypes: [{"a", :u8}]), axis: -1)
  def dummies_nil, do: Nx.stack(DF.dummies(load(), ["s"]), axis: -1)
  def dtypes, do: Nx.stack(DF.mutate(load(), c: s + 1), axis: -1)
  def returned, do: DF.drop_nil(load())
  def string_data, do: {1, "x"}
  def index, do: Nx.iota({3, 2})[5]
end

# NILS: cleansing_errors.hx:[[@LINE-12]]:{{[0-9]+}}: error: Explorer.Series.to_tensor/1: column "a" has missing values; a tensor cannot hold them (DF.drop_nil or Explorer.Series.fill_missing first)
# QCOL: cleansing_errors.hx:[[@LINE-12]]:59: error: the data frame has no column "bb" (did you mean "b"?)
# QFUN: cleansing_errors.hx:[[@LINE-12]]:52: error: a data-frame query cannot call cumulative_sum/1 in hastec
# PIN: cleansing_errors.hx:[[@LINE-12]]:50: error: ^ in a data-frame query needs a value known at compile time here
# DTYPE: cleansing_errors.hx:[[@LINE-12]]:{{[0-9]+}}: error: dtypes: hastec reads columns as :f64, :s64, :boolean, :string or :category
# DUMMIES: cleansing_errors.hx:[[@LINE-12]]:{{[0-9]+}}: error: Explorer.DataFrame.dummies/2: dummies/2: column "s" has nil values; fill or drop them first
# DTYPES: cleansing_errors.hx:[[@LINE-12]]:{{[0-9]+}}: error: Explorer.DataFrame.mutate/2: cannot invoke Explorer.Series.add/2 with mismatched dtypes: :string and {:s, 64}
# RETURNED: cleansing_errors.hx:[[@LINE-12]]:{{[0-9]+}}: error: a data frame cannot be used here: hastec's frames are compile-time recipes; make a tensor of it
# STRING: cleansing_errors.hx:[[@LINE-12]]:{{[0-9]+}}: error: a string cannot be used here: strings are compile-time values
# INDEX: cleansing_errors.hx:[[@LINE-12]]:{{[0-9]+}}: error: index 5 is out of bounds for axis 0 in shape {3, 2}
