# RUN: %hastec run %s -e 'BugFloatText.t()' | FileCheck %s
# Regression test: fixed in 0cb8eb6; the text below describes the bug as found.
# Found by test/diff/corpus_nx_hastec/large.hx (run_diff compares floats
# numerically, so it does not fail there). Nx's inspect prints tensor
# elements with Float.to_string/1 (Nx.Backend.inspect), which is not
# Kernel.inspect/1 (Elixir 1.14): 49900.0 prints as 4.99e4, 1.0e6 as 1.0e6.
# hastec prints tensor floats as inspect prints floats: [49900.0,
# 1000000.0, 0.5]; Nx prints [4.99e4, 1.0e6, 0.5] (f32 and f64 alike).

defmodule BugFloatText do
  def t(), do: {Nx.tensor([49900.0, 1.0e6, 0.5], type: :f64), Nx.tensor([49900.0, 0.5])}
end

# CHECK: f64[3]
# CHECK-NEXT: [4.99e4, 1.0e6, 0.5]
# CHECK: f32[2]
# CHECK-NEXT: [4.99e4, 0.5]
