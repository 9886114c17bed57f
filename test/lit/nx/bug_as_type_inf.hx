# RUN: %hastec run %s -e 'BugAsTypeInf.s32(Nx.tensor([:infinity, :neg_infinity, :nan, 1.5]))' | FileCheck %s
# Regression test: fixed in 18ff824; the text below describes the bug as found.
# Found by test/diff/corpus_nx_hastec (probing as_type). Nx.as_type/2 of an
# infinite float to s32 goes through s64 (saturated) and then keeps the low
# 32 bits: Inf prints -1 and -Inf 0. Nx's binary backend (the shim) and
# EXLA saturate: Nx prints [2147483647, -2147483648, 0, 1]. (Finite values
# out of the s32 range are left alone here: the binary backend wraps them,
# EXLA saturates.)

defmodule BugAsTypeInf do
  def s32(t), do: Nx.as_type(t, :s32)
end

# CHECK: s32[4]
# CHECK-NEXT: [2147483647, -2147483648, 0, 1]
