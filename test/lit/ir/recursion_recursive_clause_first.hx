# RUN: %hastec check %s --emit=ir -O0 | FileCheck %s
# The recursive call comes first (an if whose then-branch recurses): the
# result type comes from the other branch.

defmodule RecFirst do
  @spec f(integer()) :: integer()
  def f(n), do: down(n)

  defp down(n) do
    if n > 0 do
      down(n - 1) + 2
    else
      0
    end
  end
end

# CHECK-LABEL: func RecFirst.down/1(integer)
# CHECK-SAME:  ([[N:n%[0-9]+]]: integer) -> integer
# CHECK-NEXT:    if : integer
# CHECK-NEXT:      gt([[N]], 0)
# CHECK-NEXT:    then
# CHECK-NEXT:      add(call RecFirst.down/1(integer)(sub([[N]], 1)), 2)
# CHECK-NEXT:    else
# CHECK-NEXT:      0
