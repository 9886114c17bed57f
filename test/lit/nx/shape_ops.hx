# RUN: %hastec run %s -e 'NxS.eye()' | FileCheck --strict-whitespace --check-prefix=EYE %s
# RUN: %hastec run %s -e 'NxS.outer()' | FileCheck --strict-whitespace --check-prefix=OUTER %s
# RUN: %hastec run %s -e 'NxS.newaxis()' | FileCheck --strict-whitespace --check-prefix=NEWAXIS %s
# RUN: %hastec run %s -e 'NxS.squeeze()' | FileCheck --strict-whitespace --check-prefix=SQUEEZE %s
# RUN: %hastec run %s -e 'NxS.slice()' | FileCheck --strict-whitespace --check-prefix=SLICE %s
# RUN: %hastec run %s -e 'NxS.slice_st()' | FileCheck --strict-whitespace --check-prefix=SLICEST %s
# RUN: %hastec run %s -e 'NxS.slice_clamp()' | FileCheck --strict-whitespace --check-prefix=SLICECLAMP %s
# RUN: %hastec run %s -e 'NxS.sla()' | FileCheck --strict-whitespace --check-prefix=SLA %s
# RUN: %hastec run %s -e 'NxS.concat()' | FileCheck --strict-whitespace --check-prefix=CONCAT %s
# RUN: %hastec run %s -e 'NxS.concat1()' | FileCheck --strict-whitespace --check-prefix=CONCAT1 %s
# RUN: %hastec run %s -e 'NxS.stack()' | FileCheck --strict-whitespace --check-prefix=STACK %s
# RUN: %hastec run %s -e 'NxS.stack1()' | FileCheck --strict-whitespace --check-prefix=STACK1 %s
# RUN: %hastec run %s -e 'NxS.argmax()' | FileCheck --strict-whitespace --check-prefix=ARGMAX %s
# RUN: %hastec run %s -e 'NxS.argmax1()' | FileCheck --strict-whitespace --check-prefix=ARGMAX1 %s
# RUN: %hastec run %s -e 'NxS.argmin0()' | FileCheck --strict-whitespace --check-prefix=ARGMIN0 %s
# RUN: %hastec run %s -e 'NxS.var()' | FileCheck --strict-whitespace --check-prefix=VAR %s
# RUN: %hastec run %s -e 'NxS.var1()' | FileCheck --strict-whitespace --check-prefix=VAR1 %s
# RUN: %hastec run %s -e 'NxS.sd()' | FileCheck --strict-whitespace --check-prefix=SD %s
# RUN: %hastec run %s -e 'NxS.lse()' | FileCheck --strict-whitespace --check-prefix=LSE %s
# RUN: %hastec run %s -e 'NxS.lse1()' | FileCheck --strict-whitespace --check-prefix=LSE1 %s
# Nx shape functions, argmax/argmin, variance, logsumexp. The expected text is
# what stdlib/ref/nx.exs (Nx 0.9's reference) prints for the same calls.

defmodule NxS do
  def eye(), do: Nx.eye(3)
  def outer(), do: Nx.outer(Nx.tensor([1, 2, 3]), Nx.tensor([10, 20]))
  def newaxis(), do: Nx.new_axis(Nx.tensor([1, 2, 3]), 0)
  def squeeze(), do: Nx.squeeze(Nx.iota({1, 3, 1}))
  def slice(), do: Nx.slice(Nx.iota({4, 5}), [1, 2], [2, 3])
  def slice_st(), do: Nx.slice(Nx.iota({4, 5}), [0, 0], [4, 5], strides: 2)
  def slice_clamp(), do: Nx.slice(Nx.iota({5}), [4], [3])
  def sla(), do: Nx.slice_along_axis(Nx.iota({3, 4}), 1, 2, axis: 1)
  def concat(), do: Nx.concatenate([Nx.iota({2, 2}), Nx.tensor([[10, 11]])])
  def concat1(), do: Nx.concatenate([Nx.iota({2, 2}), Nx.tensor([[1.5], [2.5]])], axis: 1)
  def stack(), do: Nx.stack([Nx.tensor([1, 2]), Nx.tensor([3, 4])])
  def stack1(), do: Nx.stack([Nx.tensor([1, 2]), Nx.tensor([3, 4])], axis: 1)
  def argmax(), do: Nx.argmax(Nx.tensor([[1, 9, 3], [7, 2, 7]]))
  def argmax1(), do: Nx.argmax(Nx.tensor([[1, 9, 3], [7, 2, 7]]), axis: 1)
  def argmin0(), do: Nx.argmin(Nx.tensor([[1, 9, 3], [7, 2, 7]]), axis: 0, keep_axis: true)
  def var(), do: Nx.variance(Nx.tensor([[1.0, 2.0], [3.0, 5.0]]))
  def var1(), do: Nx.variance(Nx.tensor([[1.0, 2.0], [3.0, 5.0]]), axes: [0], ddof: 1)
  def sd(), do: Nx.standard_deviation(Nx.tensor([1, 2, 3, 4]))
  def lse(), do: Nx.logsumexp(Nx.tensor([1.0, 2.0, 3.0]))
  def lse1(), do: Nx.logsumexp(Nx.tensor([[1.0, 2.0], [3.0, 4.0]]), axes: [1])
end

# EYE: {{^}}#Nx.Tensor<{{$}}
# EYE-NEXT: {{^}}  s32[3][3]{{$}}
# EYE-NEXT: {{^}}  [{{$}}
# EYE-NEXT: {{^}}    [1, 0, 0],{{$}}
# EYE-NEXT: {{^}}    [0, 1, 0],{{$}}
# EYE-NEXT: {{^}}    [0, 0, 1]{{$}}
# EYE-NEXT: {{^}}  ]{{$}}
# EYE-NEXT: {{^}}>{{$}}

# OUTER: {{^}}#Nx.Tensor<{{$}}
# OUTER-NEXT: {{^}}  s32[3][2]{{$}}
# OUTER-NEXT: {{^}}  [{{$}}
# OUTER-NEXT: {{^}}    [10, 20],{{$}}
# OUTER-NEXT: {{^}}    [20, 40],{{$}}
# OUTER-NEXT: {{^}}    [30, 60]{{$}}
# OUTER-NEXT: {{^}}  ]{{$}}
# OUTER-NEXT: {{^}}>{{$}}

# NEWAXIS: {{^}}#Nx.Tensor<{{$}}
# NEWAXIS-NEXT: {{^}}  s32[1][3]{{$}}
# NEWAXIS-NEXT: {{^}}  [{{$}}
# NEWAXIS-NEXT: {{^}}    [1, 2, 3]{{$}}
# NEWAXIS-NEXT: {{^}}  ]{{$}}
# NEWAXIS-NEXT: {{^}}>{{$}}

# SQUEEZE: {{^}}#Nx.Tensor<{{$}}
# SQUEEZE-NEXT: {{^}}  s32[3]{{$}}
# SQUEEZE-NEXT: {{^}}  [0, 1, 2]{{$}}
# SQUEEZE-NEXT: {{^}}>{{$}}

# SLICE: {{^}}#Nx.Tensor<{{$}}
# SLICE-NEXT: {{^}}  s32[2][3]{{$}}
# SLICE-NEXT: {{^}}  [{{$}}
# SLICE-NEXT: {{^}}    [7, 8, 9],{{$}}
# SLICE-NEXT: {{^}}    [12, 13, 14]{{$}}
# SLICE-NEXT: {{^}}  ]{{$}}
# SLICE-NEXT: {{^}}>{{$}}

# SLICEST: {{^}}#Nx.Tensor<{{$}}
# SLICEST-NEXT: {{^}}  s32[2][3]{{$}}
# SLICEST-NEXT: {{^}}  [{{$}}
# SLICEST-NEXT: {{^}}    [0, 2, 4],{{$}}
# SLICEST-NEXT: {{^}}    [10, 12, 14]{{$}}
# SLICEST-NEXT: {{^}}  ]{{$}}
# SLICEST-NEXT: {{^}}>{{$}}

# SLICECLAMP: {{^}}#Nx.Tensor<{{$}}
# SLICECLAMP-NEXT: {{^}}  s32[3]{{$}}
# SLICECLAMP-NEXT: {{^}}  [2, 3, 4]{{$}}
# SLICECLAMP-NEXT: {{^}}>{{$}}

# SLA: {{^}}#Nx.Tensor<{{$}}
# SLA-NEXT: {{^}}  s32[3][2]{{$}}
# SLA-NEXT: {{^}}  [{{$}}
# SLA-NEXT: {{^}}    [1, 2],{{$}}
# SLA-NEXT: {{^}}    [5, 6],{{$}}
# SLA-NEXT: {{^}}    [9, 10]{{$}}
# SLA-NEXT: {{^}}  ]{{$}}
# SLA-NEXT: {{^}}>{{$}}

# CONCAT: {{^}}#Nx.Tensor<{{$}}
# CONCAT-NEXT: {{^}}  s32[3][2]{{$}}
# CONCAT-NEXT: {{^}}  [{{$}}
# CONCAT-NEXT: {{^}}    [0, 1],{{$}}
# CONCAT-NEXT: {{^}}    [2, 3],{{$}}
# CONCAT-NEXT: {{^}}    [10, 11]{{$}}
# CONCAT-NEXT: {{^}}  ]{{$}}
# CONCAT-NEXT: {{^}}>{{$}}

# CONCAT1: {{^}}#Nx.Tensor<{{$}}
# CONCAT1-NEXT: {{^}}  f32[2][3]{{$}}
# CONCAT1-NEXT: {{^}}  [{{$}}
# CONCAT1-NEXT: {{^}}    [0.0, 1.0, 1.5],{{$}}
# CONCAT1-NEXT: {{^}}    [2.0, 3.0, 2.5]{{$}}
# CONCAT1-NEXT: {{^}}  ]{{$}}
# CONCAT1-NEXT: {{^}}>{{$}}

# STACK: {{^}}#Nx.Tensor<{{$}}
# STACK-NEXT: {{^}}  s32[2][2]{{$}}
# STACK-NEXT: {{^}}  [{{$}}
# STACK-NEXT: {{^}}    [1, 2],{{$}}
# STACK-NEXT: {{^}}    [3, 4]{{$}}
# STACK-NEXT: {{^}}  ]{{$}}
# STACK-NEXT: {{^}}>{{$}}

# STACK1: {{^}}#Nx.Tensor<{{$}}
# STACK1-NEXT: {{^}}  s32[2][2]{{$}}
# STACK1-NEXT: {{^}}  [{{$}}
# STACK1-NEXT: {{^}}    [1, 3],{{$}}
# STACK1-NEXT: {{^}}    [2, 4]{{$}}
# STACK1-NEXT: {{^}}  ]{{$}}
# STACK1-NEXT: {{^}}>{{$}}

# ARGMAX: {{^}}#Nx.Tensor<{{$}}
# ARGMAX-NEXT: {{^}}  s32{{$}}
# ARGMAX-NEXT: {{^}}  1{{$}}
# ARGMAX-NEXT: {{^}}>{{$}}

# ARGMAX1: {{^}}#Nx.Tensor<{{$}}
# ARGMAX1-NEXT: {{^}}  s32[2]{{$}}
# ARGMAX1-NEXT: {{^}}  [1, 0]{{$}}
# ARGMAX1-NEXT: {{^}}>{{$}}

# ARGMIN0: {{^}}#Nx.Tensor<{{$}}
# ARGMIN0-NEXT: {{^}}  s32[1][3]{{$}}
# ARGMIN0-NEXT: {{^}}  [{{$}}
# ARGMIN0-NEXT: {{^}}    [0, 1, 0]{{$}}
# ARGMIN0-NEXT: {{^}}  ]{{$}}
# ARGMIN0-NEXT: {{^}}>{{$}}

# VAR: {{^}}#Nx.Tensor<{{$}}
# VAR-NEXT: {{^}}  f32{{$}}
# VAR-NEXT: {{^}}  2.1875{{$}}
# VAR-NEXT: {{^}}>{{$}}

# VAR1: {{^}}#Nx.Tensor<{{$}}
# VAR1-NEXT: {{^}}  f32[2]{{$}}
# VAR1-NEXT: {{^}}  [2.0, 4.5]{{$}}
# VAR1-NEXT: {{^}}>{{$}}

# SD: {{^}}#Nx.Tensor<{{$}}
# SD-NEXT: {{^}}  f32{{$}}
# SD-NEXT: {{^}}  1.1180340051651{{$}}
# SD-NEXT: {{^}}>{{$}}

# LSE: {{^}}#Nx.Tensor<{{$}}
# LSE-NEXT: {{^}}  f32{{$}}
# LSE-NEXT: {{^}}  3.4076058864593506{{$}}
# LSE-NEXT: {{^}}>{{$}}

# LSE1: {{^}}#Nx.Tensor<{{$}}
# LSE1-NEXT: {{^}}  f32[2]{{$}}
# LSE1-NEXT: {{^}}  [2.3132617473602295, 4.31326150894165]{{$}}
# LSE1-NEXT: {{^}}>{{$}}
