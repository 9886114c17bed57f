# RUN: %hastec check %s --emit=ir --dump-after=fuse-horizontal 2>&1 >/dev/null | FileCheck %s
# Siblings that must stay separate loops: one uses another's result; the
# reductions run in different branches of an if; they read different
# lists; their possible errors differ in kind (an integer sum's
# ArithmeticError under --check-overflow, a filtered max's EmptyError), so
# fusing could change which one is raised. No multifold anywhere.

defmodule HNo do
  @spec dependent([integer()]) :: integer()
  def dependent(xs) do
    a = Enum.sum(xs)
    b = Enum.sum(Enum.map(xs, &(&1 - a)))
    a + b
  end

  @spec branches([integer()], boolean()) :: integer()
  def branches(xs, flag) do
    if flag, do: Enum.max(xs), else: Enum.min(xs)
  end

  @spec sources([integer()], [integer()]) :: {integer(), integer()}
  def sources(xs, ys), do: {Enum.sum(xs), Enum.max(ys)}

  @spec kinds([integer()]) :: {integer(), integer()}
  def kinds(xs), do: {Enum.sum(xs), xs |> Enum.filter(&(&1 > 100)) |> Enum.max()}
end

# CHECK:     ; IR after fuse-horizontal (unchanged)
# CHECK-NOT: multifold
# CHECK-LABEL: entry HNo.dependent/1
# CHECK:         fold sum
# CHECK:         fold sum
# CHECK-LABEL: entry HNo.branches/2
# CHECK:         fold max
# CHECK:         fold min
# CHECK-LABEL: entry HNo.sources/2
# CHECK:         fold sum
# CHECK:         fold max
# CHECK-LABEL: entry HNo.kinds/1
# CHECK:         fold sum
# CHECK:         fold max
# CHECK-NOT: multifold
