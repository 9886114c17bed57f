# RUN: not %hastec run %s -e 'RemF.f()' 2>&1 | FileCheck %s --check-prefix=REM
# RUN: not %hastec run %s -e 'RemF.g()' 2>&1 | FileCheck %s --check-prefix=QUOT
# Nx.remainder of floats (fmod) is not compiled yet; Nx.quotient takes
# integers only, as in Nx.

defmodule RemF do
  def f, do: Nx.remainder(Nx.tensor([1.5, 2.5]), 2)
  # REM: remainder_of_floats.hx:[[@LINE-1]]:{{[0-9]+}}: error: Nx.remainder/2 of float tensors is not supported by hastec yet (integers are), got: Hx.f32
  def g, do: Nx.quotient(Nx.tensor([1.5, 2.5]), 2)
  # QUOT: remainder_of_floats.hx:[[@LINE-1]]:{{[0-9]+}}: error: Nx.quotient/2 expects integer tensors as inputs and outputs an integer tensor, got: Hx.f32
end
