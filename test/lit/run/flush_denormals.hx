# RUN: %hastec run %s -e 'Denorm.f()' | FileCheck %s --check-prefix=IEEE
# RUN: %hastec run --flush-denormals %s -e 'Denorm.f()' | FileCheck %s --check-prefix=FTZ
# RUN: env HX_NUM_THREADS=2 %hastec run %s -e 'Denorm.par()' | FileCheck %s --check-prefix=PAR-IEEE
# RUN: env HX_NUM_THREADS=2 %hastec run --flush-denormals %s -e 'Denorm.par()' | FileCheck %s --check-prefix=PAR-FTZ
# RUN: %hastec run --flush-denormals %s -e 'Denorm.g(1.0e-10)' | FileCheck %s --check-prefix=SCALAR
# Subnormal results are values by default (as in Elixir and Nx); with
# --flush-denormals the entry point computes with FTZ/DAZ on, in every
# worker of a parallel loop too (par: 200,000 elements in chunks on two
# threads), and scalar floats flush as well (documented in docs/cli.md).

defmodule Denorm do
  import Nx.Defn

  defn tiny(x), do: x * 1.0e-30
  def f, do: Nx.to_number(tiny(Nx.tensor(1.0e-10)))

  defn tiny_sum(x), do: Nx.sum(x * 1.0e-30)
  def par, do: Nx.to_number(tiny_sum(Nx.broadcast(Nx.tensor(1.0e-10), {200_000})))

  def g(x), do: x * 1.0e-300
end

# IEEE: 9.99994610111476e-41
# FTZ: {{^}}0.0
# PAR-IEEE: 1.99{{[0-9]+}}e-35
# PAR-FTZ: {{^}}0.0
# SCALAR: {{^}}0.0
