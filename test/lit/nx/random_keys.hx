# RUN: %hastec run %s -e 'NxRk.key()' | FileCheck --strict-whitespace --check-prefix=KEY %s
# RUN: %hastec run %s -e 'NxRk.split()' | FileCheck --strict-whitespace --check-prefix=SPLIT %s
# RUN: %hastec run %s -e 'NxRk.row()' | FileCheck --strict-whitespace --check-prefix=ROW %s
# RUN: %hastec run %s -e 'NxRk.neg()' | FileCheck --strict-whitespace --check-prefix=NEG %s
# RUN: %hastec run %s -e 'NxRk.pair(12)' | FileCheck --strict-whitespace --check-prefix=PAIR %s
# RUN: not %hastec run %s -e 'NxRk.key_of(3_000_000_000)' 2>&1 | FileCheck --check-prefix=RANGE %s
# RUN: %hastec build %s --emit=ir | FileCheck --check-prefix=IR %s
# Nx.Random keys are u32 tensors (Int storage, printed as Nx prints u32);
# indexing a split keeps the type. Values: stdlib/ref/nx.exs and the Nx 0.9
# documentation (key(12), split(key(1701)), uniform(key(12)) = 0.7691127...).

defmodule NxRk do
  def key(), do: Nx.Random.key(12)
  def split(), do: Nx.Random.split(Nx.Random.key(1701))
  def row(), do: Nx.Random.split(Nx.Random.key(1701))[1]
  def pair(seed), do: Nx.Random.uniform(Nx.Random.key(seed))
  def neg(), do: Nx.Random.key(-1)
  def key_of(seed), do: Nx.Random.key(seed)
  @spec unit(integer()) :: Hx.tensor(:f32, {4})
  def unit(seed), do: Nx.Random.uniform_split(Nx.Random.key(seed), shape: {4})
end

# KEY:      {{^}}#Nx.Tensor<
# KEY-NEXT: {{^}}  u32[2]
# KEY-NEXT: {{^}}  [0, 12]
# KEY-NEXT: {{^}}>

# SPLIT:      {{^}}  u32[2][2]
# SPLIT-NEXT: {{^}}  [
# SPLIT-NEXT: {{^}}    [56197195, 1801093307],
# SPLIT-NEXT: {{^}}    [961309823, 1704866707]
# SPLIT-NEXT: {{^}}  ]

# ROW:      {{^}}  u32[2]
# ROW-NEXT: {{^}}  [961309823, 1704866707]

# PAIR:      {{^}}{#Nx.Tensor<
# PAIR-NEXT: {{^}}   f32
# PAIR-NEXT: {{^}}   0.7691127061843872
# PAIR-NEXT: {{^}} >, #Nx.Tensor<
# PAIR-NEXT: {{^}}   u32[2]
# PAIR-NEXT: {{^}}   [407137227, 1028236956]
# PAIR-NEXT: {{^}} >}

# NEG:      {{^}}  u32[2]
# NEG-NEXT: {{^}}  [4294967295, 4294967295]

# RANGE: ** (ArgumentError) Nx.Random.key/1 seeds outside the s32 range are outside the hastec Nx subset, got: 3000000000

# threefry2x32, the float step and the scaling are one elementwise map over
# the counter index after the passes (no list of pairs, no loop over rounds;
# rotations are shifts by constants).
# IR-LABEL: entry NxRk.unit/1
# IR:      map : [Hx.f32]
# IR-NEXT:   range_up : [integer]
# IR:      bsl(x1%{{[0-9]+}}, 13)
# IR-NOT:  map :
