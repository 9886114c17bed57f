# RUN: not %hastec run %s -e 'BugCmp.eq(Nx.tensor([1, 2]), Nx.tensor([1, 3]))' 2>&1 | FileCheck --check-prefix=EQ %s
# Regression test (found by test/diff/corpus_nx_hastec/elementwise.hx,
# fixed in 785b243). Outside defn, `==` `!=` `<` ... are Kernel's
# operators: on two tensors Elixir compares the structs and prints a
# boolean (false here). hastec gave them Nx's elementwise meaning in a plain
# def and printed u8[2] [1, 0]: the same valid Elixir program printed
# something else, silently. Now it is a compile error. (Arithmetic
# operators outside defn raise ArithmeticError in Elixir; hastec computing
# them is listed in test/diff/corpus_nx_hastec/known_differences.txt.)

defmodule BugCmp do
  def eq(a, b), do: a == b
end

# EQ: bug_plain_def_compare.hx:{{[0-9]+}}:{{[0-9]+}}: error: outside defn, `==` compares tensors as Elixir terms
