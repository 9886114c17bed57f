# RUN: %hastec check %s --emit=ir --dump-after=fuse-horizontal 2>&1 >/dev/null | FileCheck %s
# RUN: %hastec run %s -e 'HNx.meanvar(Nx.tensor([1.0, 2.0, 3.0, 4.0], type: :f64))' | FileCheck %s --check-prefix=OUT
# Nx: mean(x) and mean(x * x) of one tensor. Nx's x * x is a map over
# zip(data, data); fused, it reads the data once (fn x -> x * x) in the
# same loop as the plain sum.

defmodule HNx do
  @spec var(Hx.tensor(:f64, {1000})) :: Hx.tensor(:f64, {})
  def var(x) do
    m = Nx.mean(x)
    Nx.subtract(Nx.mean(Nx.multiply(x, x)), Nx.multiply(m, m))
  end

  def meanvar(x) do
    m = Nx.mean(x)
    v = Nx.subtract(Nx.mean(Nx.multiply(x, x)), Nx.multiply(m, m))
    {m, v}
  end
end

# CHECK-LABEL: entry HNx.var/1
# CHECK-SAME:  ([[X:x%[0-9]+]]: Nx.Tensor f64[1000])
# CHECK-NEXT:    let [[H:hfuse%[0-9]+]]: {float, float} =
# CHECK-NEXT:      multifold : {float, float}
# CHECK-NEXT:        fold sum : float
# CHECK-NEXT:          elem([[X]], 0)
# CHECK-NEXT:        fold sum : float
# CHECK-NEXT:          map : [float]
# CHECK-NEXT:            elem([[X]], 0)
# CHECK-NEXT:            fn [[E:x%[0-9]+]]: float ->
# CHECK-NEXT:              mul([[E]], [[E]])
# CHECK:           fdiv(elem([[H]], 0), 1000.0)
# CHECK:           fdiv(elem([[H]], 1), 1000.0)
# CHECK-NOT:     fold sum

# OUT:      {#Nx.Tensor<
# OUT-NEXT:    f64
# OUT-NEXT:    2.5
# OUT-NEXT:  >, #Nx.Tensor<
# OUT-NEXT:    f64
# OUT-NEXT:    1.25
# OUT-NEXT:  >}
