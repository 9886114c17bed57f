# RUN: rm -rf %t && mkdir -p %t
# RUN: %hastec build %s -o %t/libtail_call_no_leak.so
# RUN: cc -std=c99 -Wall -Werror -pthread -I%rtinclude -I%t %S/Inputs/tail_call_no_leak.c -o %t/use -L%t -ltail_call_no_leak -L%rtlib -lhxrt -Wl,-rpath,%t -Wl,-rpath,%rtlib
# RUN: %t/use | FileCheck %s
# RUN: %hastec build -O0 %s -o %t/libtail_call_no_leak.so
# RUN: %t/use | FileCheck %s
# Self tail calls that pass lists are loops that neither grow the stack nor
# leak: Inputs/tail_call_no_leak.c runs each entry for 1,000,000 iterations
# (TailNoLeak.p: 300 iterations over 20,000 elements, chunks on all cores)
# on a thread with a 256 KiB stack and compares hxrt_live_arrays before and
# after (the result freed). A list a jump passes in is owned by the loop and
# freed by the next jump that does not pass it on, or at the return; an
# error in the middle frees them too. Results as Elixir prints them.

defmodule TailNoLeak do
  @spec b(integer(), [integer()]) :: [integer()]
  def b(n, xs), do: b_loop(n, xs)

  defp b_loop(0, xs), do: xs
  defp b_loop(n, xs), do: b_loop(n - 1, Enum.map(xs, &(&1 + 1)))

  # lists swapping places: a fresh list and the parameter passed on
  @spec swap(integer(), [integer()], [integer()]) :: {[integer()], [integer()]}
  def swap(n, xs, ys), do: swap_loop(n, xs, ys)

  defp swap_loop(n, xs, ys) when n <= 0, do: {xs, ys}
  defp swap_loop(n, xs, ys), do: swap_loop(n - 1, ys, Enum.map(xs, &(&1 + 1)))

  # the same let-bound list passed twice
  @spec dup(integer(), [integer()]) :: integer()
  def dup(n, xs), do: dup_loop(n, xs, xs)

  defp dup_loop(0, xs, ys), do: Enum.sum(xs) + Enum.sum(ys)
  defp dup_loop(n, xs, _ys) do
    zs = Enum.map(xs, &(&1 + 1))
    dup_loop(n - 1, zs, zs)
  end

  # a let-bound list passed on in one branch, dropped in the other
  @spec keep(integer(), [integer()]) :: [integer()]
  def keep(n, xs), do: keep_loop(n, Enum.reverse(xs), 0)

  defp keep_loop(n, xs, k) when n > 0 do
    ys = Enum.filter(xs, &(&1 > rem(k, 2)))
    if rem(n, 2) == 0, do: keep_loop(n - 1, xs, k + 1), else: keep_loop(n - 1, ys, k)
  end
  defp keep_loop(_n, xs, _k), do: xs

  # a tuple argument holding the list parameter
  @spec ct(integer(), [integer()]) :: {integer(), [integer()]}
  def ct(n, xs), do: ct_loop(n, {0, Enum.map(xs, &(&1 * 2))})

  defp ct_loop(0, acc), do: acc
  defp ct_loop(n, {s, ys}), do: ct_loop(n - 1, {s + Enum.sum(ys), ys})

  # a tuple accumulator holding a fresh list each iteration, and passed on
  @spec tl(integer(), [integer()]) :: {[integer()], integer()}
  def tl(n, xs), do: tl_loop(n, {xs, 0})

  defp tl_loop(n, acc) when n <= 0, do: acc
  defp tl_loop(n, {ys, c}) when rem(n, 3) == 0, do: tl_loop(n - 1, {ys, c + 1})
  defp tl_loop(n, {ys, c}), do: tl_loop(n - 1, {Enum.map(ys, &(&1 + 1)), c + 1})

  # a let-bound list put into the tuple in one branch, dropped in the other
  @spec tz(integer(), [integer()]) :: {[integer()], integer()}
  def tz(n, xs), do: tz_loop(n, {xs, 0})

  defp tz_loop(n, acc) when n <= 0, do: acc
  defp tz_loop(n, {ys, c}) do
    zs = Enum.map(ys, &(&1 + 1))
    if rem(n, 2) == 0, do: tz_loop(n - 1, {zs, c + 1}), else: tz_loop(n - 1, {ys, c + length(zs)})
  end

  # a parallel map passed on each iteration
  @spec p(integer()) :: integer()
  def p(n), do: p_loop(n, Enum.to_list(1..20000))

  defp p_loop(0, xs), do: Enum.sum(xs)
  defp p_loop(n, xs), do: p_loop(n - 1, Enum.map(xs, &(&1 + 1)))

  # an error after many iterations that passed lists on
  @spec r(integer(), [integer()]) :: integer()
  def r(n, xs), do: r_loop(n, xs)

  defp r_loop(0, xs), do: Enum.sum(xs)
  defp r_loop(n, xs), do: r_loop(n - 1, Enum.map(xs, &(&1 + div(1, n - 7))))
end

# CHECK: b [1000001, 1000002, 1000003] live 0
# CHECK-NEXT: swap [500010] [500002, 500003] live 0
# CHECK-NEXT: dup 6000012 live 0
# CHECK-NEXT: keep [3, 2, 4, 5] live 0
# CHECK-NEXT: ct {12000000, [2, 4, 6]} live 0
# CHECK-NEXT: tl [666668, 666669] 1000000 live 0
# CHECK-NEXT: tz [500001, 500002] 1500000 live 0
# CHECK-NEXT: p 206010000 live 0
# CHECK-NEXT: r rc 1 live 0
# CHECK-NEXT: ** (ArithmeticError) bad argument in arithmetic expression
# CHECK-NEXT: tail_call_no_leak.hx:{{[0-9]+}}: TailNoLeak.r_loop/2
# CHECK-NEXT: done
