# RUN: %hastec check --remarks=fusion %s 2>&1 | FileCheck %s
# --remarks=fusion says why an operation reads a materialised list instead of
# fusing with its producer. A list bound to a variable is built once; the
# result of Enum.sort must be complete before it can be read.

defmodule Remarks do
  @spec f(integer()) :: integer()
  def f(n) do
    xs = Enum.map(1..n, &(&1 * 2))
    a = Enum.sum(xs)
    b = xs |> Enum.filter(&(&1 > 3)) |> Enum.count()
    c = Enum.sort(xs) |> Enum.map(&(&1 + 1)) |> Enum.sum()
    a + b + c
  end
end

# CHECK-DAG: {{.*}}fusion_refused.hx:10:{{[0-9]+}}: remark: not fused: the reduction reads the list `xs`, a variable
# CHECK-DAG: {{.*}}fusion_refused.hx:11:{{[0-9]+}}: remark: not fused: Enum.filter reads the list `xs`, a variable
# CHECK-DAG: {{.*}}fusion_refused.hx:12:{{[0-9]+}}: remark: not fused: Enum.map reads the result of Enum.sort, which must be complete before it can be read
