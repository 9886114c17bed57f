# RUN: not %hastec run %s -e 'NxErr.bad_bc()' 2>&1 | FileCheck --check-prefix=BC %s
# RUN: not %hastec run %s -e 'NxErr.bad_reshape()' 2>&1 | FileCheck --check-prefix=RS %s
# RUN: not %hastec run %s -e 'NxErr.bad_dot()' 2>&1 | FileCheck --check-prefix=DOT %s
# RUN: not %hastec run %s -e 'NxErr.bad_type()' 2>&1 | FileCheck --check-prefix=TY %s
# RUN: not %hastec run %s -e 'NxErr.bad_axis()' 2>&1 | FileCheck --check-prefix=AX %s
# Shape and type errors are compile errors at the call, with a caret.

defmodule NxErr do
  def bad_bc(), do: Nx.add(Nx.iota({2, 3}), Nx.iota({2}))
  def bad_reshape(), do: Nx.reshape(Nx.iota({6}), {4, 2})
  def bad_dot(), do: Nx.dot(Nx.iota({2, 3}), Nx.iota({2, 3}))
  def bad_type(), do: Nx.iota({2}, type: :u16)
  def bad_axis(), do: Nx.sum(Nx.iota({2, 3}), axes: [2])
end

# BC: errors.hx:9:{{[0-9]+}}: error: cannot broadcast tensors of shapes {2, 3} {2}
# RS: errors.hx:10:{{[0-9]+}}: error: cannot reshape, current shape {6} is not compatible with new shape {4, 2}
# DOT: errors.hx:11:{{[0-9]+}}: error: dot/zip expects shapes to be compatible, dimension 1 of left-side (3) does not equal dimension 0 of right-side (2)
# TY: errors.hx:12:{{[0-9]+}}: error: the tensor type u16 is not supported by hastec yet (f32, f64, s32, s64 are)
# AX: errors.hx:13:{{[0-9]+}}: error: given axis (2) invalid for shape with rank 2
