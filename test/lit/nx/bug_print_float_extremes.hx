# RUN: %hastec run %s -e 'BugFloatExt.t()' | FileCheck %s
# Regression test (found by test/diff/corpus_nx_hastec/printing.hx after
# 0cb8eb6; fixed in the working tree right after). Printing an f64 tensor
# element whose positional text is long (1.7976931348623157e308, 5.0e-324,
# 2.2250738585072014e-308) overflowed a stack buffer in put_nx_float
# (runtime/inspect.c) and hx-run died with SIGSEGV. Nx prints the shorter
# of the positional and scientific forms (Float.to_string/1).

defmodule BugFloatExt do
  def t(), do: Nx.tensor([1.7976931348623157e308, 5.0e-324, -2.2250738585072014e-308, 1.0e22, 123456.789], type: :f64)
end

# CHECK: f64[5]
# CHECK-NEXT: [1.7976931348623157e308, 5.0e-324, -2.2250738585072014e-308, 1.0e22, 123456.789]
