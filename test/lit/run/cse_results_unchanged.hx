# RUN: %hastec run %s -e 'CseRun.body(6, 7)' | FileCheck %s --check-prefix=BODY
# RUN: %hastec run -O0 %s -e 'CseRun.body(6, 7)' | FileCheck %s --check-prefix=BODY
# RUN: %hastec run %s -e 'CseRun.lambda(1000)' | FileCheck %s --check-prefix=LAMBDA
# RUN: %hastec run %s -e 'CseRun.lists(1000, 6_700_417)' | FileCheck %s --check-prefix=LISTS
# RUN: %hastec run %s -e 'CseRun.order(7, 2, 9, 4)' | FileCheck %s --check-prefix=ORDER
# RUN: not %hastec run %s -e 'CseRun.order(7, 0, 9, 0)' 2>&1 | FileCheck %s --check-prefix=FIRST
# RUN: not %hastec run %s -e 'CseRun.order(7, 1, 9, 0)' 2>&1 | FileCheck %s --check-prefix=SECOND
# RUN: %hastec run %s -e 'CseRun.branch(7, 0)' | FileCheck %s --check-prefix=BRANCH
# RUN: not %hastec run %s -e 'CseRun.branch_after(7, 0)' 2>&1 | FileCheck %s --check-prefix=AFTER
# CSE does not change results, nor which error is raised first and where.
# Every expected value is what Elixir 1.14 prints for the same call.

defmodule CseRun do
  @spec body(integer(), integer()) :: integer()
  def body(x, y) do
    a = (x * y + 1) * (x * y + 1)
    if x * y > 3, do: a + x * y, else: a - x * y
  end

  @spec lambda(integer()) :: integer()
  def lambda(n) do
    1..n
    |> Enum.map(fn x -> rem(x * 7 + 1, 13) + rem(x * 7 + 1, 13) * 2 end)
    |> Enum.map(fn y -> y + n * n - n * n end)
    |> Enum.sum()
  end

  @spec lists(integer(), integer()) :: float()
  def lists(n, p) do
    Enum.sum(Enum.map(1..n, fn x -> step(step(x, p), p) end)) /
      Enum.count(Enum.map(1..n, fn x -> step(step(x, p), p) end))
  end

  defp step(x, p), do: rem(22 * x * (x + 1), p)

  @spec order(integer(), integer(), integer(), integer()) :: integer()
  def order(a, b, c, d) do
    div(a, b) +
      div(c, d) +
      div(c, d)
  end

  @spec branch(integer(), integer()) :: integer()
  def branch(x, y) do
    if y != 0, do: div(x, y) + div(x, y), else: 0
  end

  @spec branch_after(integer(), integer()) :: integer()
  def branch_after(x, y) do
    z = if y != 0, do: div(x, y) + div(x, y), else: 0
    z + div(x, y)
  end
end

# BODY:   {{^}}1891{{$}}
# LAMBDA: {{^}}18015{{$}}
# LISTS:  {{^}}3385553.317{{$}}
# ORDER:  {{^}}7{{$}}
# FIRST:  ** (ArithmeticError) bad argument in arithmetic expression
# FIRST-NEXT: {{.*}}cse_results_unchanged.hx:38: CseRun.order/4
# SECOND: ** (ArithmeticError) bad argument in arithmetic expression
# SECOND-NEXT: {{.*}}cse_results_unchanged.hx:39: CseRun.order/4
# BRANCH: {{^}}0{{$}}
# AFTER:  ** (ArithmeticError) bad argument in arithmetic expression
# AFTER-NEXT: {{.*}}cse_results_unchanged.hx:51: CseRun.branch_after/2
