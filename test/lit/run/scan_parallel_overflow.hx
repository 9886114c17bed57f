# RUN: %hastec run --check-overflow %s -e 'Ovf.cancel(100003, 50000)' -e 'Ovf.cancel(100003, 8000)' --separator --- | FileCheck %s --check-prefix=CANCEL
# RUN: %hastec run --check-overflow --target=opencl --fallback=cpu %s -e 'Ovf.cancel(100003, 50000)' 2>/dev/null | FileCheck %s --check-prefix=CANCEL
# RUN: not %hastec run --check-overflow %s -e 'Ovf.real(100003, 50000)' 2>&1 | FileCheck %s --check-prefix=REAL
# RUN: %hastec run %s -e 'Ovf.real(100003, 50000)' | FileCheck %s --check-prefix=WRAP
# A parallel scan under --check-overflow (materialise_scan_parallel): a
# chunk's own total may overflow where the scan's running values do not
# (two big elements in one chunk, after a big negative one in chunk 0): the
# chunk raises, and the sequential scan redoes the list without a raise. A
# real overflow raises Elixir's error; without the flag the scan wraps.

defmodule Ovf do
  @spec cancel(integer(), integer()) :: {integer(), [integer()]}
  def cancel(n, k) do
    ys = Enum.scan(Enum.map(1..n, fn i -> if i == 1, do: -6_000_000_000_000_000_000, else: if(i == k or i == k + 1, do: 5_000_000_000_000_000_000, else: 1) end), &(&1 + &2))
    {length(ys), Enum.take(ys, -2)}
  end
  @spec real(integer(), integer()) :: {integer(), [integer()]}
  def real(n, k) do
    ys = Enum.scan(Enum.map(1..n, fn i -> if i >= k and i <= k + 2, do: 4_000_000_000_000_000_000, else: 1 end), 0, fn x, acc -> acc + x end)
    {length(ys), Enum.take(ys, -2)}
  end
end

# CANCEL: {100003, [4000000000000099999, 4000000000000100000]}
# REAL: ** (ArithmeticError) integer overflow
# REAL-NEXT: scan_parallel_overflow.hx:19: Ovf.real/2
# WRAP: {100003, [-6446744073709451617, -6446744073709451616]}
