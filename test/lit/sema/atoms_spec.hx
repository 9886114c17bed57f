# RUN: not %hastec check %s 2>&1 | FileCheck %s
# A @spec names atoms themselves (atom() says nothing hastec can compile);
# an entry point that returns an atom has no C declaration.

defmodule M do
  @spec spec_atom() :: atom()
  def spec_atom(), do: :ok
end

# CHECK: atoms_spec.hx:6:24: error: atom() in a @spec: hastec knows which atom a value holds at compile time; write the atom itself (:ok)
# CHECK-NOT: error
