# RUN: env HX_REPORT_LIVE=1 %hastec run %s -e 'ChainOwner.part(4)' 2>&1 | FileCheck %s --check-prefix=PART
# RUN: env HX_REPORT_LIVE=1 %hastec run %s -e 'ChainOwner.loop(4)' 2>&1 | FileCheck %s --check-prefix=LOOP
# RUN: env HX_REPORT_LIVE=1 %hastec run %s -e 'ChainOwner.branch(4)' 2>&1 | FileCheck %s --check-prefix=BR4
# RUN: env HX_REPORT_LIVE=1 %hastec run %s -e 'ChainOwner.branch(1)' 2>&1 | FileCheck %s --check-prefix=BR1
# RUN: env HX_REPORT_LIVE=1 %hastec run %s -e 'ChainOwner.pick(4)' 2>&1 | FileCheck %s --check-prefix=PICK4
# RUN: env HX_REPORT_LIVE=1 %hastec run %s -e 'ChainOwner.pick(1)' 2>&1 | FileCheck %s --check-prefix=PICK1
#
# The reduced test/lit/regress/bug_fit_loop_leaks_params.hx. A tuple that
# holds lists (here {list, integer}, a tensor is one) leaked them when the
# expression producing it was
# - a block whose value is a part of a tuple bound inside it (`m = ..;
#   elem(m, 0)`, `{best, _, _} = loop(..); best`: the fit loop's run), or
# - an `if` whose branches build tuples (or a block ending in such an if),
# and it was bound to a variable: the code generator (builds_tuple in
# codegen/LLVMCodegen.cpp) did not see that these produce a fresh tuple, so
# the block kept the lists (the result held them) and the variable's let
# took them as borrowed. A function returning only an integer from the same
# block leaked nothing (the list path tracks ownership on its own).
# hx-run's HX_REPORT_LIVE counts the arrays still allocated at exit.

defmodule ChainOwner do
  @spec part(integer()) :: {integer(), integer()}
  def part(n) do
    q = (
      m = {{Enum.map(1..n, fn x -> x * 2 end), 7}, 5}
      _k = elem(m, 1)
      elem(m, 0))
    {1, Enum.sum(elem(q, 0))}
  end

  # the fit loop's shape: the same tuple passed as current and best
  defp fit(0, p, best), do: {best, p, 0}
  defp fit(n, p, best), do: fit(n - 1, {Enum.map(elem(p, 0), fn x -> x + 1 end), n}, if(rem(n, 2) == 0, do: p, else: best))

  @spec loop(integer()) :: {integer(), integer()}
  def loop(n) do
    p0 = {Enum.map(1..n, fn x -> x end), 0}
    q = (
      {best, p, e} = fit(3, p0, p0)
      _ = Enum.sum(elem(p, 0)) + e
      best)
    {elem(q, 1), Enum.sum(elem(q, 0))}
  end

  @spec branch(integer()) :: {integer(), integer()}
  def branch(n) do
    t = if n > 2, do: {Enum.map(1..n, fn x -> x end), 1}, else: {Enum.map(1..n, fn x -> x + 1 end), 2}
    {elem(t, 1), Enum.sum(elem(t, 0))}
  end

  @spec pick(integer()) :: {integer(), integer()}
  def pick(n) do
    q = (
      t = {Enum.map(1..n, fn x -> x end), 0}
      u = {Enum.map(1..n, fn x -> x * 2 end), 1}
      if n > 2, do: t, else: u)
    {elem(q, 1), Enum.sum(elem(q, 0))}
  end
end

# PART: {{^}}{1, 20}{{$}}
# PART: hx-run: 0 arrays live
# LOOP: {{^}}{3, 14}{{$}}
# LOOP: hx-run: 0 arrays live
# BR4: {{^}}{1, 10}{{$}}
# BR4: hx-run: 0 arrays live
# BR1: {{^}}{2, 2}{{$}}
# BR1: hx-run: 0 arrays live
# PICK4: {{^}}{0, 10}{{$}}
# PICK4: hx-run: 0 arrays live
# PICK1: {{^}}{1, 2}{{$}}
# PICK1: hx-run: 0 arrays live
