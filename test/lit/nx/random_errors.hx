# RUN: not %hastec run %s -e 'NxRe.key_type()' 2>&1 | FileCheck --check-prefix=KTYPE %s
# RUN: not %hastec run %s -e 'NxRe.key_shape()' 2>&1 | FileCheck --check-prefix=KSHAPE %s
# RUN: not %hastec run %s -e 'NxRe.int_type()' 2>&1 | FileCheck --check-prefix=ITYPE %s
# RUN: not %hastec run %s -e 'NxRe.normal_type()' 2>&1 | FileCheck --check-prefix=NTYPE %s
# RUN: not %hastec run %s -e 'NxRe.f16()' 2>&1 | FileCheck --check-prefix=F16 %s
# RUN: not %hastec run %s -e 'NxRe.old_split()' 2>&1 | FileCheck --check-prefix=OLDSPLIT %s
# RUN: not %hastec run %s -e 'NxRe.seed()' 2>&1 | FileCheck --check-prefix=SEED %s
# RUN: not %hastec run %s -e 'NxRe.range()' 2>&1 | FileCheck --check-prefix=RANGE %s
# RUN: not %hastec run %s -e 'NxRe.opt()' 2>&1 | FileCheck --check-prefix=OPT %s
# RUN: not %hastec build %s -o %t.so 2>&1 | FileCheck --check-prefix=SPEC %s
# Nx.Random's errors are compile errors at the call when hastec knows them
# then (keys and types are static); the messages are Nx's.

defmodule NxRe do
  def key_type(), do: Nx.Random.uniform(Nx.tensor([1, 2]))
  def key_shape(), do: Nx.Random.split(Nx.iota({3}))
  def int_type(), do: Nx.Random.uniform(Nx.Random.key(1), type: :s32)
  def normal_type(), do: Nx.Random.normal_split(Nx.Random.key(1), type: {:u, 8})
  def f16(), do: Nx.Random.uniform(Nx.Random.key(1), type: :f16)
  def old_split(), do: Nx.Random.split(Nx.Random.key(1), 4)
  def seed(), do: Nx.Random.key(4_294_967_296)
  def range(), do: Nx.Random.uniform_split(Nx.Random.key(1), Nx.tensor([0.0, 1.0]), 2.0)
  def opt(), do: Nx.Random.uniform(Nx.Random.key(1), axis: 0)
  @spec keys(integer()) :: Hx.tensor(:s64, {2, 2})
  def keys(seed), do: Nx.Random.split(Nx.Random.key(seed))
end

# KTYPE: random_errors.hx:15:{{[0-9]+}}: error: expected key with 32-bit unsigned integer type, got key with type {:s, 32}
# KSHAPE: random_errors.hx:16:{{[0-9]+}}: error: expected key to have shape {2}, got tensor with shape {3}
# ITYPE: random_errors.hx:17:{{[0-9]+}}: error: expected float type, got type {:s, 32}
# NTYPE: random_errors.hx:18:{{[0-9]+}}: error: expected float or complex type, got type {:u, 8}
# F16: random_errors.hx:19:{{[0-9]+}}: error: Nx.Random.uniform: the type f16 is not supported by hastec yet (f32 and f64 are)
# OLDSPLIT: random_errors.hx:20:{{[0-9]+}}: error: Nx.Random.split/2 takes the number of keys as an option in Nx 0.9: split(key, parts: n)
# SEED: random_errors.hx:21:{{[0-9]+}}: error: Nx.Random.key/1 seeds outside the s32 range are outside the hastec Nx subset, got: 4294967296
# RANGE: random_errors.hx:22:{{[0-9]+}}: error: Nx.Random.uniform_split/3: min_value must be a number or a scalar tensor in hastec, got Nx.Tensor f32[2]
# OPT: random_errors.hx:23:{{[0-9]+}}: error: Nx.Random.uniform has no option axis: here (hastec supports this subset)
# SPEC: error: NxRe.keys/1 returns Nx.Tensor u32[2][2] but its @spec says Nx.Tensor s64[2][2]
