# RUN: %hastec check %s 2>&1 | FileCheck --allow-empty %s
# A map in a function no entry reaches is fine (maps with atom keys are in
# the subset; docs/language.md).
defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: x
  def g(x), do: %{a: x}
end
# CHECK-NOT: error
