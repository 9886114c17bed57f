# RUN: not %hastec run --check-overflow %s -e 'RoundHuge.f([1.5, 15000000000.0, 3.0])' 2>&1 | FileCheck %s --check-prefix=LIST
# RUN: not %hastec run --check-overflow %s -e 'RoundHuge.big(40)' 2>&1 | FileCheck %s --check-prefix=VEC
# RUN: not %hastec run --check-overflow %s -e 'RoundHuge.g(15000000000.0)' 2>&1 | FileCheck %s --check-prefix=SCALAR
# RUN: %hastec run --check-overflow %s -e 'RoundHuge.f([1.5, -2.5, 3.0e9])' | FileCheck %s --check-prefix=FITS
# RUN: %hastec run %s -e 'RoundHuge.g(15000000000.0)' | FileCheck %s --check-prefix=WRAP
# Found by the fuzzer (seed 20261128, program 3934): round/trunc of a float
# beyond 64 bits (Elixir gives a bignum) saturated silently under
# --check-overflow; now it raises like integer arithmetic does, in the
# scalar code and in vector lanes (big: 40 elements, the last ones too
# large). Without the flag it saturates (documented).

defmodule RoundHuge do
  def f(xs), do: Enum.map(xs, &round(&1 * &1))
  def big(n), do: Enum.map(1..n, fn i -> round(i * 3.0e17) end)
  def g(x), do: trunc(x * x)
end

# LIST: ** (ArithmeticError) integer overflow
# LIST-NEXT: fuzz_round_huge_float.hx:13: RoundHuge.f/1
# VEC: ** (ArithmeticError) integer overflow
# VEC-NEXT: fuzz_round_huge_float.hx:14: RoundHuge.big/1
# SCALAR: ** (ArithmeticError) integer overflow
# SCALAR-NEXT: fuzz_round_huge_float.hx:15: RoundHuge.g/1
# FITS: [2, 6, 9000000000000000000]
# WRAP: 9223372036854775807
