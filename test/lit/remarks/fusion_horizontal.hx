# RUN: %hastec check --remarks=fusion %s 2>&1 | FileCheck %s
# --remarks=fusion: one remark per horizontal fusion done, one per refused
# sibling with the reason.

defmodule HRem do
  @spec stats([float()]) :: {float(), float(), integer()}
  def stats(xs), do: {Enum.sum(xs), Enum.max(xs), Enum.count(xs, &(&1 > 0.5))}

  @spec dependent([integer()]) :: integer()
  def dependent(xs) do
    a = Enum.sum(xs)
    b = Enum.sum(Enum.map(xs, &(&1 - a)))
    a + b
  end

  @spec branches([integer()], boolean()) :: integer()
  def branches(xs, flag) do
    a = Enum.sum(xs)
    if flag, do: a + Enum.max(xs), else: a
  end

  @spec sources([integer()], [integer()]) :: {integer(), integer()}
  def sources(xs, ys), do: {Enum.sum(xs), Enum.max(ys)}

  @spec kinds([integer()]) :: {integer(), integer()}
  def kinds(xs), do: {Enum.sum(xs), xs |> Enum.filter(&(&1 > 100)) |> Enum.max()}

  @spec timed([float()]) :: float()
  def timed(xs) do
    a = Enum.sum(xs)
    t = Hx.Loop.Runtime.clock()
    b = Enum.max(xs)
    a + b + t
  end

  @spec scoped([integer()]) :: {integer(), integer(), integer()}
  def scoped(xs) do
    a = (k = length(xs); Enum.sum(Enum.map(xs, &(&1 * k))))
    b = Enum.max(xs)
    c = Enum.min(xs)
    {a, b, c}
  end
end

# CHECK-DAG: fusion_horizontal.hx:7:{{[0-9]+}}: remark: fused horizontally: 3 reductions over `xs` (lines 7, 7, 7) run in one loop
# CHECK-DAG: fusion_horizontal.hx:12:{{[0-9]+}}: remark: not fused horizontally: Enum.sum over `xs` uses `a`, the result of a sibling reduction (line 11)
# CHECK-DAG: fusion_horizontal.hx:19:{{[0-9]+}}: remark: not fused horizontally: Enum.max over `xs` runs under a condition (an if branch), its siblings over the same list do not
# CHECK-DAG: fusion_horizontal.hx:23:{{[0-9]+}}: remark: not fused horizontally: Enum.sum reads `xs`, and no sibling reduction reads the same list (Enum.max at line 23 reads `ys`)
# CHECK-DAG: fusion_horizontal.hx:26:{{[0-9]+}}: remark: not fused horizontally: Enum.sum over `xs`: the siblings and what lies between them may raise ArithmeticError and Enum.EmptyError: fusing would change which is raised first
# CHECK-DAG: fusion_horizontal.hx:26:{{[0-9]+}}: remark: not fused horizontally: Enum.max over `xs`: the siblings and what lies between them may raise ArithmeticError and Enum.EmptyError: fusing would change which is raised first
# CHECK-DAG: fusion_horizontal.hx:30:{{[0-9]+}}: remark: not fused horizontally: Enum.sum over `xs`: an effect or a call (IO, a clock, a recursive function) lies between the siblings: nothing moves past it
# CHECK-DAG: fusion_horizontal.hx:38:{{[0-9]+}}: remark: not fused horizontally: Enum.sum over `xs` uses a value bound inside its own statement, so it cannot move in front of it
# CHECK-DAG: fusion_horizontal.hx:39:{{[0-9]+}}: remark: fused horizontally: 2 reductions over `xs` (lines 39, 40) run in one loop
# CHECK-NOT: fused horizontally: {{.*}}line 1{{[0-9]}}
