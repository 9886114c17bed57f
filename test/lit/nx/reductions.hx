# RUN: %hastec run %s -e 'NxR.red(Nx.tensor([[1, 2, 3], [4, 5, 6]]))' | FileCheck --strict-whitespace %s
# RUN: %hastec run %s -e 'NxR.mean(Nx.tensor([1.0, 2.0, 4.0]))' | FileCheck --check-prefix=MEAN %s
# RUN: %hastec run %s -e 'NxR.mm()' | FileCheck --check-prefix=DOT %s
# RUN: %hastec run %s -e 'NxR.mv()' | FileCheck --check-prefix=MV %s
# RUN: %hastec run %s -e 'NxR.tr()' | FileCheck --check-prefix=TR %s
# RUN: %hastec run %s -e 'NxR.shape()' | FileCheck --check-prefix=SHAPE %s
# RUN: %hastec run %s -e 'NxR.softmax(Nx.tensor([1.0, 2.0, 3.0]))' | FileCheck --check-prefix=SOFT %s
# Reductions over all axes and over axes: (keep_axes:), mean, dot of
# matrices and vectors, transpose, reshape, shape queries; a tuple of
# tensors prints as IO.inspect(v, width: :infinity) lays it out (checked
# against stdlib/ref/nx.exs).

defmodule NxR do
  import Nx.Defn

  def red(t) do
    {Nx.sum(t), Nx.sum(t, axes: [0]), Nx.sum(t, axes: [1]), Nx.reduce_max(t, axes: [1], keep_axes: true)}
  end
  def mean(t), do: Nx.mean(t)
  def mm(), do: Nx.dot(Nx.iota({2, 3}, type: :f32), Nx.iota({3, 2}, type: :f32))
  def mv(), do: Nx.dot(Nx.iota({2, 3}), Nx.tensor([1, 1, 1]))
  def tr(), do: Nx.transpose(Nx.reshape(Nx.iota({6}), {2, 3}))
  def shape(), do: {Nx.shape(Nx.iota({2, 3})), Nx.size(Nx.iota({2, 3})), Nx.rank(Nx.iota({2, 3}))}
  defn softmax(x), do: Nx.exp(x) / Nx.sum(Nx.exp(x))
end

# CHECK:      {{^}}{#Nx.Tensor<{{$}}
# CHECK-NEXT: {{^}}   s32{{$}}
# CHECK-NEXT: {{^}}   21{{$}}
# CHECK-NEXT: {{^}} >, #Nx.Tensor<{{$}}
# CHECK-NEXT: {{^}}   s32[3]{{$}}
# CHECK-NEXT: {{^}}   [5, 7, 9]{{$}}
# CHECK-NEXT: {{^}} >, #Nx.Tensor<{{$}}
# CHECK-NEXT: {{^}}   s32[2]{{$}}
# CHECK-NEXT: {{^}}   [6, 15]{{$}}
# CHECK-NEXT: {{^}} >, #Nx.Tensor<{{$}}
# CHECK-NEXT: {{^}}   s32[2][1]{{$}}
# CHECK-NEXT: {{^}}   [{{$}}
# CHECK-NEXT: {{^}}     [3],{{$}}
# CHECK-NEXT: {{^}}     [6]{{$}}
# CHECK-NEXT: {{^}}   ]{{$}}
# CHECK-NEXT: {{^}} >}{{$}}

# MEAN: f32
# MEAN: 2.3333332538604736

# DOT: f32[2][2]
# DOT: [10.0, 13.0],
# DOT: [28.0, 40.0]

# MV: s32[2]
# MV: [3, 12]

# TR: s32[3][2]
# TR: [0, 3],
# TR: [1, 4],
# TR: [2, 5]

# SHAPE: {{[{][{]}}2, 3}, 6, 2}

# SOFT: f32[3]
# SOFT: [0.09003057330846786, 0.2447284758090973, 0.6652409434318542]
