# RUN: %hastec build %s --emit=llvm --cpu x86-64-v4 | FileCheck %s --check-prefix=LLVM
# RUN: %hastec run %s -e 'BiasAdd.show()' | FileCheck %s --check-prefix=OUT
# RUN: %hastec run %s -e 'BiasAdd.run()' | FileCheck %s --check-prefix=SUM
# A bias add (x + b, b broadcast along the rows) reads b at rem(i, C) of the
# loop index i: a vector load at b + rem(i0, C) for every group of W lanes
# that does not wrap past the end of a row, a gather for the one that does
# (codegen/LLVMCodegen.cpp, vemit Index); b is a tensor's data, elem(b, 0).
# show/0: rows of 12 and 8 lanes, so groups start at rem 0 (load), 8
# (wraps: gather), 4 and 0 (loads), then a scalar tail. The printed values
# are real Elixir's (stdlib/ref/nx.exs).
defmodule BiasAdd do
  import Nx.Defn

  defn add_bias(x, b), do: x + b

  @spec run() :: float()
  def run do
    x = Nx.iota({5, 16}, type: :f32) |> Nx.multiply(0.25)
    b = Nx.iota({16}, type: :f32) |> Nx.subtract(8.0)
    Nx.to_number(Nx.sum(Nx.multiply(add_bias(x, b), Nx.iota({5, 16}))))
  end

  def show do
    x = Nx.iota({3, 12}, type: :f32) |> Nx.multiply(0.5)
    b = Nx.iota({12}, type: :f32) |> Nx.subtract(3.0)
    add_bias(x, b)
  end
end

# LLVM-LABEL: define internal void @"hxf.BiasAdd.run/0().chunk
# LLVM:       vidx.linear:
# LLVM:         load <8 x float>
# LLVM:       vidx.gather:
# LLVM:         masked.gather

# OUT:      [-3.0, -1.5, 0.0, 1.5, 3.0, 4.5, 6.0, 7.5, 9.0, 10.5, 12.0, 13.5],
# OUT-NEXT: [3.0, 4.5, 6.0, 7.5, 9.0, 10.5, 12.0, 13.5, 15.0, 16.5, 18.0, 19.5],
# OUT-NEXT: [9.0, 10.5, 12.0, 13.5, 15.0, 16.5, 18.0, 19.5, 21.0, 22.5, 24.0, 25.5]

# SUM: 41990.0
