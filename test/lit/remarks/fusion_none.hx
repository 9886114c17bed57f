# RUN: %hastec check --remarks=fusion %s 2>&1 | FileCheck %s --allow-empty
# A straight pipeline fuses completely: no remark at all.

defmodule NoRemarks do
  @spec f(integer()) :: integer()
  def f(n), do: 1..n |> Enum.map(&(&1 * 2)) |> Enum.filter(&(&1 > 3)) |> Enum.sum()
end

# CHECK-NOT: remark
