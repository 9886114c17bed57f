# RUN: %hastec build -O0 %s --emit=llvm | FileCheck %s --check-prefix=IR
# RUN: %hastec run %s -e 'TailLoops.a(1000000)' | FileCheck %s --check-prefix=A
# RUN: %hastec run -O0 %s -e 'TailLoops.a(1000000)' | FileCheck %s --check-prefix=A
# RUN: %hastec run %s -e 'TailLoops.b(1000000, [1, 2, 3])' | FileCheck %s --check-prefix=B
# RUN: %hastec run -O0 %s -e 'TailLoops.b(1000000, [1, 2, 3])' | FileCheck %s --check-prefix=B
# RUN: %hastec run %s -e 'TailLoops.c(1000000)' | FileCheck %s --check-prefix=C
# RUN: %hastec run -O0 %s -e 'TailLoops.c(1000000)' | FileCheck %s --check-prefix=C
# RUN: %hastec run %s -e 'TailLoops.ct(1000000, [1, 2, 3])' | FileCheck %s --check-prefix=CT
# RUN: %hastec run -O0 %s -e 'TailLoops.ct(1000000, [1, 2, 3])' | FileCheck %s --check-prefix=CT
# RUN: %hastec run %s -e 'TailLoops.d(1000000)' | FileCheck %s --check-prefix=D
# RUN: %hastec run -O0 %s -e 'TailLoops.d(1000000)' | FileCheck %s --check-prefix=D
# RUN: %hastec run %s -e 'TailLoops.e(1000000, 3.0)' | FileCheck %s --check-prefix=E
# RUN: %hastec run -O0 %s -e 'TailLoops.e(1000000, 3.0)' | FileCheck %s --check-prefix=E
# RUN: %hastec run %s -e 'TailLoops.u(1000000)' | FileCheck %s --check-prefix=U
# RUN: %hastec run -O0 %s -e 'TailLoops.u(1000000)' | FileCheck %s --check-prefix=U
# RUN: %hastec run %s -e 'TailLoops.w(1000000, [1.0, 2.0, 4.0])' | FileCheck %s --check-prefix=W
# RUN: %hastec run -O0 %s -e 'TailLoops.w(3, [1.0, 2.0, 4.0])' | FileCheck %s --check-prefix=W3
# Self tail calls are loops made by the code generator (a jump back to the
# function's entry with the new arguments), not by LLVM's TailCallElim:
# 1,000,000 iterations each, with (a) a list built and reduced in the
# argument, (b) a fresh list passed on each iteration, (c) tuple
# accumulators, (d) tail calls in case and cond branches and an if inside
# them, in the second and third clauses of a function with guards, (e) a
# public function calling itself, (u) unless, (w) Hx.i32/Hx.f32 parameters.
# At -O0 no loop function calls itself. Results as Elixir prints them.
# (tail_call_no_leak.hx checks that the lists are freed and the stack stays.)

defmodule TailLoops do
  # (a) a list built and reduced in the argument
  @spec a(integer()) :: integer()
  def a(n), do: a_loop(n, 0)

  defp a_loop(0, acc), do: acc
  defp a_loop(n, acc), do: a_loop(n - 1, acc + (Enum.sort([rem(n, 7), 3, rem(n, 5)]) |> Enum.max()))

  # (b) a fresh list passed on each iteration
  @spec b(integer(), [integer()]) :: [integer()]
  def b(n, xs), do: b_loop(n, xs)

  defp b_loop(0, xs), do: xs
  defp b_loop(n, xs), do: b_loop(n - 1, Enum.map(xs, &(&1 + 1)))

  # (c) tuple accumulators, one holding a list
  @spec c(integer()) :: {integer(), float()}
  def c(n), do: c_loop(n, {0, 0.0})

  defp c_loop(0, acc), do: acc
  defp c_loop(n, {s, f}), do: c_loop(n - 1, {s + rem(n, 10), f + 0.5})

  @spec ct(integer(), [integer()]) :: {integer(), [integer()]}
  def ct(n, xs), do: ct_loop(n, {0, xs})

  defp ct_loop(0, acc), do: acc
  defp ct_loop(n, {s, ys}), do: ct_loop(n - 1, {s + Enum.sum(ys), ys})

  # (d) case and cond branches, an if inside one, later clauses with guards
  @spec d(integer()) :: integer()
  def d(n), do: d_loop(n, 0)

  defp d_loop(n, acc) when n <= 0, do: acc
  defp d_loop(n, acc) when rem(n, 2) == 0 do
    case rem(n, 3) do
      0 -> d_loop(n - 1, acc + 3)
      1 -> d_loop(n - 1, acc - 1)
      _ -> d_loop(n - 2, acc + Enum.max(Enum.reverse([1, rem(n, 4)])))
    end
  end
  defp d_loop(n, acc) do
    cond do
      rem(n, 5) == 1 -> d_loop(n - 1, acc + 2)
      n > 10 -> if(rem(n, 7) == 0, do: d_loop(n - 1, acc * 1), else: d_loop(n - 1, acc + 1))
      true -> acc + n
    end
  end

  # (e) a public function calling itself
  @spec e(integer(), float()) :: float()
  def e(n, x) when n <= 0, do: x
  def e(n, x), do: e(n - 1, x * 0.5 + 1.0)

  # (u) unless
  @spec u(integer()) :: integer()
  def u(n), do: u_loop(n, 0)

  defp u_loop(n, acc) do
    unless n > 0 do
      acc
    else
      u_loop(n - 1, acc + length(Enum.filter([n, n + 1, n + 2], &(rem(&1, 3) == 0))))
    end
  end

  # (w) narrow types
  @spec w(Hx.i32(), [Hx.f32()]) :: [Hx.f32()]
  def w(n, xs), do: w_loop(n, xs)

  @spec w_loop(Hx.i32(), [Hx.f32()]) :: [Hx.f32()]
  defp w_loop(n, xs) when n <= 0, do: xs
  defp w_loop(n, xs), do: w_loop(n - 1, Enum.map(xs, &(&1 * 0.5)) |> Enum.reverse())
end

# IR-LABEL: define internal {{.*}} @"hxf.TailLoops.e/2(
# IR-NOT: call {{.*}} @"hxf.TailLoops.e/2(
# IR: {{^}}}
# IR-LABEL: define internal {{.*}} @"hxf.TailLoops.a_loop/2(
# IR-NOT: call {{.*}} @"hxf.TailLoops.a_loop/2(
# IR: {{^}}}
# IR-LABEL: define internal {{.*}} @"hxf.TailLoops.b_loop/2(
# IR-NOT: call {{.*}} @"hxf.TailLoops.b_loop/2(
# IR: {{^}}}
# IR-LABEL: define internal {{.*}} @"hxf.TailLoops.c_loop/2(
# IR-NOT: call {{.*}} @"hxf.TailLoops.c_loop/2(
# IR: {{^}}}
# IR-LABEL: define internal {{.*}} @"hxf.TailLoops.ct_loop/2(
# IR-NOT: call {{.*}} @"hxf.TailLoops.ct_loop/2(
# IR: {{^}}}
# IR-LABEL: define internal {{.*}} @"hxf.TailLoops.d_loop/2(
# IR-NOT: call {{.*}} @"hxf.TailLoops.d_loop/2(
# IR: {{^}}}
# IR-LABEL: define internal {{.*}} @"hxf.TailLoops.u_loop/2(
# IR-NOT: call {{.*}} @"hxf.TailLoops.u_loop/2(
# IR: {{^}}}
# IR-LABEL: define internal {{.*}} @"hxf.TailLoops.w_loop/2(
# IR-NOT: call {{.*}} @"hxf.TailLoops.w_loop/2(
# IR: {{^}}}

# A: {{^}}3971428{{$}}
# B: {{^}}[1000001, 1000002, 1000003]{{$}}
# C: {{^}}{4500000, 500000.0}{{$}}
# CT: {{^}}{6000000, [1, 2, 3]}{{$}}
# D: {{^}}945237{{$}}
# E: {{^}}2.0{{$}}
# U: {{^}}1000000{{$}}
# W: {{^}}[0.0, 0.0, 0.0]{{$}}
# W3: {{^}}[0.5, 0.25, 0.125]{{$}}
