# RUN: not %hastec run %s -e 'NxErr.bad_bc()' 2>&1 | FileCheck --check-prefix=BC %s
# RUN: not %hastec run %s -e 'NxErr.bad_reshape()' 2>&1 | FileCheck --check-prefix=RS %s
# RUN: not %hastec run %s -e 'NxErr.bad_dot()' 2>&1 | FileCheck --check-prefix=DOT %s
# RUN: not %hastec run %s -e 'NxErr.bad_type()' 2>&1 | FileCheck --check-prefix=TY %s
# RUN: not %hastec run %s -e 'NxErr.bad_axis()' 2>&1 | FileCheck --check-prefix=AX %s
# RUN: not %hastec run %s -e 'NxErr.u8_var(Nx.tensor([1, 2], type: :u8), 3)' 2>&1 | FileCheck --check-prefix=U8VAR %s
# RUN: not %hastec run %s -e 'NxErr.u8_dot()' 2>&1 | FileCheck --check-prefix=U8DOT %s
# RUN: not %hastec run %s -e 'NxErr.u64()' 2>&1 | FileCheck --check-prefix=U64 %s
# RUN: not %hastec run %s -e 'NxErr.u64_merge()' 2>&1 | FileCheck --check-prefix=U64M %s
# Shape and type errors are compile errors at the call, with a caret.

defmodule NxErr do
  def bad_bc(), do: Nx.add(Nx.iota({2, 3}), Nx.iota({2}))
  def bad_reshape(), do: Nx.reshape(Nx.iota({6}), {4, 2})
  def bad_dot(), do: Nx.dot(Nx.iota({2, 3}), Nx.iota({2, 3}))
  def bad_type(), do: Nx.iota({2}, type: :f16)
  def bad_axis(), do: Nx.sum(Nx.iota({2, 3}), axes: [2])
  def u8_var(t, n), do: Nx.add(t, n)
  def u8_dot(), do: Nx.dot(Nx.iota({2, 2}, type: :u8), Nx.iota({2, 2}, type: :u8))
  def u64(), do: Nx.iota({2}, type: :u64)
  def u64_merge(), do: Nx.add(Nx.iota({2}, type: :u32), 5_000_000_000)
end

# BC: errors.hx:13:{{[0-9]+}}: error: cannot broadcast tensors of shapes {2, 3} {2}
# RS: errors.hx:14:{{[0-9]+}}: error: cannot reshape, current shape {6} is not compatible with new shape {4, 2}
# DOT: errors.hx:15:{{[0-9]+}}: error: dot/zip expects shapes to be compatible, dimension 1 of left-side (3) does not equal dimension 0 of right-side (2)
# TY: errors.hx:16:{{[0-9]+}}: error: the tensor type f16 is not supported by hastec yet (u8 u16 u32 s8 s16 s32 s64 f32 f64 are)
# AX: errors.hx:17:{{[0-9]+}}: error: given axis (2) invalid for shape with rank 2
# U8VAR: errors.hx:18:{{[0-9]+}}: error: Nx's result type for a u8 tensor and an integer depends on the integer's value, which hastec only knows at run time here
# U8DOT: errors.hx:19:{{[0-9]+}}: error: this Nx operation on u8 tensors is not supported by hastec yet (Nx.as_type to s32 or s64 first)
# U64: errors.hx:20:{{[0-9]+}}: error: the tensor type u64 is not supported by hastec yet
# U64M: errors.hx:21:{{[0-9]+}}: error: the tensor type u64 is not supported by hastec (u8 u16 u32 s8 s16 s32 s64 f32 f64 are)
