# RUN: not %hastec check %s 2>&1 | FileCheck %s
# The clauses of a case that may each run must give one type: two atoms
# are two types (run-time atoms are not in hastec).

defmodule M do
  @spec f(integer()) :: integer()
  def f(x) do
    t = case x do
      0 -> {:zero, x}
      _ -> {:other, x}
    end
    elem(t, 1)
  end
end

# CHECK: atoms_case_different.hx:10:12: error: the clauses of case return different types: {:zero, integer} and {:other, integer} (an atom is known at compile time in hastec: one variable or result cannot hold different atoms, which needs run-time atoms)
# CHECK-NOT: error
