# RUN: %hastec check %s --emit=ir --stop-after=inline | FileCheck %s
# RUN: %hastec check %s --emit=ir | FileCheck %s --check-prefix=FULL
# The inline pass replaces each call of a non-recursive function by its
# body, binding the arguments with lets (fresh variables); recursive
# functions stay calls. dead-functions then drops the helpers that no entry
# reaches any more and keeps the recursive one.

defmodule Inl do
  @spec f(integer()) :: integer()
  def f(n), do: twice(n + 1) + fact(n)

  defp twice(x), do: x * 2

  defp fact(0), do: 1
  defp fact(k), do: k * fact(k - 1)
end

# CHECK-LABEL: entry Inl.f/1(integer) as Inl_f
# CHECK-SAME:  ([[N:n%[0-9]+]]: integer) -> integer
# CHECK-NEXT:    add : integer
# CHECK-NEXT:      let [[X:x%[0-9]+]]: integer = add([[N]], 1)
# CHECK-NEXT:      mul([[X]], 2)
# CHECK-NEXT:      call Inl.fact/1(integer)([[N]])
# CHECK:       func Inl.twice/1(integer)
# CHECK:       func Inl.fact/1(integer)
# CHECK:         call Inl.fact/1(integer)(

# FULL-LABEL: entry Inl.f/1(integer) as Inl_f
# FULL-NOT:   call Inl.twice
# FULL-NOT:   func Inl.twice/1
# FULL:       func Inl.fact/1(integer)
