# RUN: not %hastec run %s -e 'NxTB.scalar()' 2>&1 | FileCheck --check-prefix=SCALAR %s
# RUN: not %hastec run %s -e 'NxTB.beyond()' 2>&1 | FileCheck --check-prefix=BEYOND %s
# RUN: not %hastec run %s -e 'NxTB.leftover()' 2>&1 | FileCheck --check-prefix=LEFT %s
# RUN: not %hastec run %s -e 'NxTB.size(2)' 2>&1 | FileCheck --check-prefix=SIZE %s
# Nx.to_batched's errors are Nx's messages, at compile time with the line.

defmodule NxTB do
  def scalar(), do: Nx.to_batched(Nx.tensor(1), 1) |> Enum.to_list()
  def beyond(), do: Nx.to_batched(Nx.iota({2}), 3) |> Enum.to_list()
  def leftover(), do: Nx.to_batched(Nx.iota({5}), 2, leftover: :keep) |> Enum.to_list()
  def size(n), do: Nx.to_batched(Nx.iota({4}), n) |> Enum.to_list()
end

# SCALAR: to_batched_errors.hx:8:{{[0-9]+}}: error: cannot batch non-vectorized scalar tensor
# BEYOND: to_batched_errors.hx:9:{{[0-9]+}}: error: cannot batch beyond original tensor
# LEFT: to_batched_errors.hx:10:{{[0-9]+}}: error: leftover: must be :repeat or :discard
# SIZE: to_batched_errors.hx:11:{{[0-9]+}}: error: {{.*}}batch size
