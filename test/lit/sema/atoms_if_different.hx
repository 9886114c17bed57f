# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# An atom is known at compile time in hastec: a variable or result that
# would hold one atom or another depending on a run-time condition needs
# run-time atoms, which hastec does not have. The error names the construct.

defmodule M do
  @spec f(integer()) :: integer()
  def f(x) do
    tag = if x > 0, do: :pos, else: :neg
    elem({tag, x}, 1)
  end
end

# CHECK:      {{^}}{{.*}}/atoms_if_different.hx:9:11: error: the branches of if have different types: :pos and :neg (an atom is known at compile time in hastec: one variable or result cannot hold different atoms, which needs run-time atoms){{$}}
# CHECK-NEXT: {{^}}        tag = if x > 0, do: :pos, else: :neg{{$}}
# CHECK-NOT:  error
