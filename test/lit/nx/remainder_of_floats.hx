# RUN: %hastec run %s -e 'RemF.f()' 2>&1 | FileCheck %s --check-prefix=REM
# RUN: not %hastec run %s -e 'RemF.g()' 2>&1 | FileCheck %s --check-prefix=QUOT
# RUN: not %hastec run %s -e 'RemF.h()' 2>&1 | FileCheck %s --check-prefix=GRAD
# RUN: %hastec build --emit=llvm %s -o - | FileCheck %s --check-prefix=IR
# Nx.remainder of floats is fmod (the dividend's sign), a libm call; Nx.quotient
# takes integers only, as in Nx; remainder has no gradient rule yet.

defmodule RemF do
  import Nx.Defn
  def f, do: Nx.remainder(Nx.tensor([1.5, -2.5]), 2)
  # REM: f32[2]
  # REM-NEXT: [1.5, -0.5]
  def g, do: Nx.quotient(Nx.tensor([1.5, 2.5]), 2)
  # QUOT: remainder_of_floats.hx:[[@LINE-1]]:{{[0-9]+}}: error: Nx.quotient/2 expects integer tensors as inputs and outputs an integer tensor, got: Hx.f32
  defn loss(x), do: grad(x, fn x -> Nx.sum(Nx.remainder(x, 2.0)) end)
  def h, do: loss(Nx.tensor([1.5]))
  # GRAD: remainder_of_floats.hx:[[@LINE-2]]:{{[0-9]+}}: error: hastec cannot differentiate Nx.remainder yet
  @spec m(Hx.tensor(:f32, {4})) :: Hx.tensor(:f32, {4})
  def m(x), do: Nx.remainder(x, 2)
end
# IR: call float @fmodf(
