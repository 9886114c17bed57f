# RUN: %hastec build %s --emit=opencl | count 0
# RUN: %hastec run --target=opencl %s -e 'Atoms.g([1, 2, 3])' | FileCheck %s
# A lambda holding an atom-typed value (a tuple with :tag) is not a kernel:
# OpenCL C has no empty structs, so the loop stays on the CPU (no kernel
# is emitted) and the program still runs with --target=opencl.

defmodule Atoms do
  @spec g([integer()]) :: integer()
  def g(xs) do
    xs
    |> Enum.map(fn x ->
      t = {:tag, x * 3, x + 1}
      elem(t, 1) * elem(t, 2) + elem(t, 1)
    end)
    |> Enum.sum()
  end
end

# CHECK: 78
