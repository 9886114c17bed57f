# RUN: %hastec run %s -e 'NxE.lit()' | FileCheck --check-prefix=LIT --strict-whitespace %s
# RUN: %hastec run %s -e 'NxE.row_bc()' | FileCheck --check-prefix=ROW %s
# RUN: %hastec run %s -e 'NxE.col_bc()' | FileCheck --check-prefix=COL %s
# RUN: %hastec run %s -e 'NxE.poly(Nx.tensor([1, 2, 3]))' | FileCheck --check-prefix=POLY %s
# RUN: %hastec run %s -e 'NxE.poly(3)' | FileCheck --check-prefix=SCALAR %s
# RUN: %hastec run %s -e 'NxE.weak(Nx.tensor([1, 2], type: :s32))' | FileCheck --check-prefix=WEAK %s
# RUN: %hastec run %s -e 'NxE.ieee()' | FileCheck --check-prefix=IEEE %s
# RUN: %hastec run %s -e 'NxE.funs(Nx.tensor([0.0, 1.0]))' | FileCheck --check-prefix=FUNS %s
# RUN: %hastec run %s -e 'NxE.cmp(Nx.tensor([1, 5, 3]), 2)' | FileCheck --check-prefix=CMP %s
# RUN: %hastec run %s -e 'NxE.sel(Nx.tensor([1, 5, 3]))' | FileCheck --check-prefix=SEL %s
# Nx elementwise operations: literals, operators inside defn (outside it, Nx functions), broadcasting
# from the trailing axes, Nx's type promotion (numbers are weak), IEEE floats.

defmodule NxE do
  import Nx.Defn

  def lit(), do: Nx.tensor([[1, 2, 3], [4, 5, 6]])
  def row_bc(), do: Nx.add(Nx.iota({2, 3}), Nx.tensor([10, 20, 30]))
  def col_bc(), do: Nx.add(Nx.iota({2, 3}), Nx.tensor([[100], [200]]))
  defn poly(x), do: x * x + 2 * x + 1
  def weak(t), do: {Nx.add(t, 1), Nx.multiply(t, 1.5)}
  def ieee(), do: Nx.divide(Nx.tensor([1.0, -1.0, 0.0]), 0)
  def funs(t), do: {Nx.exp(t), Nx.sigmoid(t), Nx.negate(t)}
  def cmp(a, b), do: Nx.greater(a, b)
  def sel(t), do: Nx.select(Nx.greater(t, 2), t, Nx.negate(t)) |> Nx.clip(-2, 4)
end

# LIT:      {{^}}#Nx.Tensor<{{$}}
# LIT-NEXT: {{^}}  s32[2][3]{{$}}
# LIT-NEXT: {{^}}  [{{$}}
# LIT-NEXT: {{^}}    [1, 2, 3],{{$}}
# LIT-NEXT: {{^}}    [4, 5, 6]{{$}}
# LIT-NEXT: {{^}}  ]{{$}}
# LIT-NEXT: {{^}}>{{$}}

# ROW: [10, 21, 32],
# ROW: [13, 24, 35]

# COL: [100, 101, 102],
# COL: [203, 204, 205]

# POLY: s32[3]
# POLY: [4, 9, 16]

# SCALAR:      s32
# SCALAR-NEXT: 16

# WEAK: s32[2]
# WEAK: [2, 3]
# WEAK: f32[2]
# WEAK: [1.5, 3.0]

# IEEE: f32[3]
# IEEE: [Inf, -Inf, NaN]

# FUNS: [1.0, 2.7182817459106445]
# FUNS: [0.5, 0.7310585975646973]
# FUNS: [-0.0, -1.0]

# CMP: u8[3]
# CMP: [0, 1, 1]

# SEL: [-1, 4, 3]
