# RUN: env HX_NUM_THREADS=4 %hastec run %s -e 'AllocRace.f(1000000)' 2>&1 | FileCheck %s
# RUN: env HX_NUM_THREADS=4 %hastec run %s -e 'AllocRace.f(1000000)' 2>&1 | FileCheck %s
# RUN: env HX_NUM_THREADS=4 %hastec run %s -e 'AllocRace.f(1000000)' 2>&1 | FileCheck %s
# Found by the differential fuzzer (test/fuzz, with --cpu=x86-64-v2, seed 19
# program 131; it does not depend on the CPU). A lambda that builds a list
# (here `a = Enum.map([x, 1], ...)`) inside a loop that runs in parallel
# chunks: every chunk thread calls hxrt_alloc, whose track() links the array
# into ctx->tracked, one doubly-linked list shared by all threads, without a
# lock (and release's untrack() unlinks the same way). Concurrent inserts
# corrupt the list; hx-run then dies in hxrt_invoke (SIGSEGV) or in malloc
# ("corrupted double-linked list"). It is a race: on 2 cores with
# HX_NUM_THREADS=4 between one run in eight and one in two crashed. Fixed: track()
# and untrack() take a lock (runtime/hxrt.c); the test runs three times. To stress it:
#   for i in $(seq 20); do HX_NUM_THREADS=4 hastec run THIS.hx \
#     -e 'AllocRace.f(1000000)' > /dev/null || echo crashed; done
# With HX_NUM_THREADS=1 it never crashes. Elixir prints 6000000.

defmodule AllocRace do
  @spec f(integer()) :: integer()
  def f(n) do
    Enum.sum(Enum.map(1..n, fn x ->
      a = Enum.map([x, 1], fn y -> y + 1 end)
      b = Enum.map([x, 2], fn y -> y + 2 end)
      c = Enum.map([x, 3], fn y -> y + 3 end)
      length(a) + length(b) + length(c)
    end))
  end
end

# CHECK: {{^}}6000000{{$}}
