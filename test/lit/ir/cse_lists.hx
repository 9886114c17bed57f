# RUN: %hastec check %s --emit=ir --stop-after=cse | FileCheck %s
# RUN: %hastec check %s --emit=ir --remarks=fusion 2>&1 >/dev/null | FileCheck %s --check-prefix=REMARK
# Lists (the policy in ir/CSE.cpp): a shared list is a materialised array,
# which fusion would otherwise avoid. A cheap map over a range (x * x) is
# recomputed: two fused loops, no array; so is one step of the logistic map
# (one rem by a variable: measured break-even). Two steps are expensive
# enough: the list is built once and read twice. A sort is materialised
# anyway, so it is shared.

defmodule CseLists do
  @spec cheap(integer()) :: float()
  def cheap(n) do
    Enum.sum(Enum.map(1..n, fn x -> x * x end)) / Enum.count(Enum.map(1..n, fn x -> x * x end))
  end

  @spec step1(integer(), integer()) :: float()
  def step1(n, p) do
    Enum.sum(Enum.map(1..n, fn x -> rem(22 * x * (x + 1), p) end)) /
      Enum.count(Enum.map(1..n, fn x -> rem(22 * x * (x + 1), p) end))
  end

  @spec step2(integer(), integer()) :: float()
  def step2(n, p) do
    Enum.sum(Enum.map(1..n, fn x -> step(step(x, p), p) end)) /
      Enum.count(Enum.map(1..n, fn x -> step(step(x, p), p) end))
  end

  defp step(x, p), do: rem(22 * x * (x + 1), p)

  @spec sorted([integer()]) :: integer()
  def sorted(xs) do
    Enum.sum(Enum.take(Enum.sort(xs), 3)) + Enum.max(Enum.sort(xs))
  end
end

# CHECK-LABEL: entry CseLists.cheap/1(integer) as CseLists_cheap
# CHECK-NOT:     cse%
# CHECK:         fdiv : float
# CHECK:             map : [integer]
# CHECK:             map : [integer]
# CHECK-NOT:     cse%

# CHECK-LABEL: entry CseLists.step1/2(integer,integer) as CseLists_step1
# CHECK-NOT:     cse%
# CHECK:         fdiv : float
# CHECK:               rem(mul(mul(22, x%{{[0-9]+}}), add(x%{{[0-9]+}}, 1)), p%{{[0-9]+}})
# CHECK:               rem(mul(mul(22, x%{{[0-9]+}}), add(x%{{[0-9]+}}, 1)), p%{{[0-9]+}})
# CHECK-NOT:     cse%

# CHECK-LABEL: entry CseLists.step2/2(integer,integer) as CseLists_step2
# CHECK-SAME:  ([[N:n%[0-9]+]]: integer, [[P:p%[0-9]+]]: integer) -> float
# CHECK-NEXT:    let [[L:cse%[0-9]+]]: [integer] =
# CHECK-NEXT:      map : [integer]
# CHECK-NEXT:        range : [integer]
# CHECK-NEXT:          1
# CHECK-NEXT:          [[N]]
# CHECK-NEXT:        fn [[X:x%[0-9]+]]: integer ->
# CHECK-NEXT:          let [[Y:x%[0-9]+]]: integer = rem(mul(mul(22, [[X]]), add([[X]], 1)), [[P]])
# CHECK-NEXT:          rem(mul(mul(22, [[Y]]), add([[Y]], 1)), [[P]])
# CHECK-NEXT:    fdiv : float
# CHECK-NEXT:      cast : float
# CHECK-NEXT:        fold sum : integer
# CHECK-NEXT:          [[L]]
# CHECK-NEXT:      cast : float
# CHECK-NEXT:        length : integer
# CHECK-NEXT:          [[L]]

# CHECK-LABEL: entry CseLists.sorted/1([integer]) as CseLists_sorted
# CHECK-SAME:  ([[XS:xs%[0-9]+]]: [integer]) -> integer
# CHECK-NEXT:    let [[S:cse%[0-9]+]]: [integer] =
# CHECK-NEXT:      sort asc : [integer]
# CHECK-NEXT:        [[XS]]
# CHECK-NEXT:    add : integer
# CHECK-NEXT:      fold sum : integer
# CHECK-NEXT:        take : [integer]
# CHECK-NEXT:          [[S]]
# CHECK-NEXT:          3
# CHECK-NEXT:      fold max : integer
# CHECK-NEXT:        [[S]]

# The shared list is read from memory, and --remarks=fusion says so.
# REMARK: cse_lists.hx:24:{{[0-9]+}}: remark: not fused: the reduction reads the list `cse`
