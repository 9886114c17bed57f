# RUN: %hastec run %s -e 'NestedOwner.f(3)' | FileCheck %s
# A list bound to a variable and returned inside nested tuples (a tensor in a
# tuple is one) was released at the end of its let: the let only looked at
# the result tuple's direct members, so the nested ones pointed at freed
# memory (SIGSEGV). Found through test/diff/corpus_nx_hastec
# (test/lit/nx/bug_tuple_same_reduction.hx: CSE shares one reduction's data).

defmodule NestedOwner do
  def f(n) do
    xs = Enum.map(1..n, fn x -> x * 2 end)
    {{xs, 1}, {xs, 2}}
  end
end

# CHECK: {{^}}{{[{][{]}}[2, 4, 6], 1}, {[2, 4, 6], 2}}{{$}}
