# RUN: not %hastec run %s -e 'GradErr.a(Nx.tensor([1.0, 2.0]))' 2>&1 | FileCheck %s --check-prefix=IF
# RUN: not %hastec run %s -e 'GradErr.b(Nx.tensor([1.0, 2.0]))' 2>&1 | FileCheck %s --check-prefix=NESTED
# RUN: not %hastec run %s -e 'GradErr.c(Nx.tensor([1.0, 2.0]))' 2>&1 | FileCheck %s --check-prefix=NOTFN
# RUN: not %hastec run %s -e 'GradErr.d(Nx.tensor([1.0, 2.0]))' 2>&1 | FileCheck %s --check-prefix=LAMBDA
# RUN: not %hastec run %s -e 'GradErr.dyn(Nx.tensor([1.0, 2.0, 3.0]), 1)' 2>&1 | FileCheck %s --check-prefix=DYNSLICE
# Programs whose gradient hastec cannot take get a compile error at the line.

defmodule GradErr do
  import Nx.Defn

  defn a(x), do: grad(x, fn x -> if Nx.sum(x) > 0, do: Nx.sum(x), else: Nx.sum(x * 2) end)
  # IF: errors.hx:[[@LINE-1]]:{{[0-9]+}}: error: grad: `if` inside a function being differentiated is not supported by hastec yet (use Nx.select)

  defn b(x), do: grad(x, fn x -> Nx.sum(grad(x, fn y -> Nx.sum(y * y) end)) end)
  # NESTED: errors.hx:[[@LINE-1]]:{{[0-9]+}}: error: grad inside a function being differentiated is not supported (no higher derivatives)

  defn c(x), do: grad(x, x)
  # NOTFN: errors.hx:[[@LINE-1]]:{{[0-9]+}}: error: grad needs a function of one argument

  defn d(x), do: grad(x, fn x -> Nx.to_number(Nx.sum(x)) * 2.0 end)
  # LAMBDA: errors.hx:[[@LINE-1]]:{{[0-9]+}}: error: hastec cannot differentiate through this expression

  defn dyn(x, i), do: grad(x, fn x -> Nx.sum(Nx.slice(x, [i], [2])) end)
  # DYNSLICE: errors.hx:[[@LINE-1]]:{{[0-9]+}}: error: grad: Nx.slice with run-time start indices inside a differentiated function is not supported by hastec yet (slice outside it, or use literal starts)
end
